using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using LeadMail.SyncWorker.Tests.Infrastructure;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>Several workers on one database share the mailboxes through leases.</summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private readonly SyncTestBed bed = new();
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(-3);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Two_workers_on_one_database_never_sync_one_mailbox_stream_twice()
    {
        await bed.AddContactAsync("lee@fabrikam.example");
        var reps = new List<Core.Reps.Rep>();
        for (var r = 0; r < 4; r++)
        {
            var rep = await bed.AddRepAsync($"rep{r}@contoso.com");
            reps.Add(rep);
            var pages = Enumerable.Range(0, 6)
                .Select(i => (System.Text.Json.Nodes.JsonNode)Message($"<r{r}m{i}@fabrikam.example>", "lee@fabrikam.example", [rep.Email], Day.AddMinutes(i)))
                .Chunk(2).ToList();
            // Slow pages keep both workers busy at the same time.
            bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, pages, $"d{r}", delay: TimeSpan.FromMilliseconds(150));
        }
        var clock = bed.NextRoundClock();
        bed.Settings["Sync:MaxConcurrentStreams"] = "3";

        using var first = bed.BuildHost(clock);
        using var second = bed.BuildHost(clock);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        var reports = await Task.WhenAll(
            Task.Run(() => Resolve(first).RunAsync(once: true, CancellationToken.None)),
            Task.Run(() => Resolve(second).RunAsync(once: true, CancellationToken.None)));
        await Task.WhenAll(first.StopAsync(), second.StopAsync());

        Assert.All(reports, r => Assert.True(r.AllSucceeded));
        var synced = reports.SelectMany(r => r.Streams).Select(s => s.Claim.SyncId).ToList();
        // Inbox, Sent Items, the calendar and the folder list.
        Assert.Equal(reps.Count * 4, synced.Count);
        Assert.Equal(synced.Count, synced.Distinct().Count());
        Assert.All(reports, r => Assert.NotEmpty(r.Streams));
        // Each page of each inbox was fetched exactly once, by whichever worker held the stream.
        Assert.All(reps, rep => Assert.Equal(3, bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox).Count));
        Assert.Equal(24, (await bed.TouchesAsync()).Count);
    }

    [Fact]
    public async Task A_contact_forgotten_while_its_page_waits_for_the_writer_is_left_out_and_the_rest_is_recorded()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        var kim = await bed.AddContactAsync("kim@northwind.example");
        using var host = bed.BuildHost();
        await host.StartAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<MailboxLeases>();
        await leases.EnsureStreamsAsync(CancellationToken.None);
        var claim = (await leases.ClaimDueAsync(3, new HashSet<int>(), CancellationToken.None)).Single(c => c.Stream == MailboxStream.SentItems);
        var page = new DeltaPage(
            [new MailItem("<offer@contoso.com>", new Participant(ann.Email, null),
                [new Participant("lee@fabrikam.example", null), new Participant("kim@northwind.example", null)], Day, "Our offer", false, false)],
            [], null, "https://graph.example/delta-1");

        // Another stream's page holds the writer's turn while this page is matched and queued behind it.
        var turns = host.Services.GetRequiredService<WriterTurns>();
        Task<PageOutcome> commit;
        using (await turns.TakeAsync(CancellationToken.None))
        {
            commit = Task.Run(() => scope.ServiceProvider.GetRequiredService<TouchWriter>().CommitAsync(claim, page, CancellationToken.None));
            while (turns.Waiting == 0 && !commit.IsCompleted) await Task.Delay(10);
            await using var db = bed.OpenDb();
            await db.Contacts.Where(c => c.Id == lee.Id).ExecuteDeleteAsync();
        }

        var outcome = await commit;
        Assert.Equal((1, 1, true), (outcome.Items, outcome.TouchesRecorded, outcome.RoundComplete));
        Assert.Equal(kim.Id, Assert.Single(await bed.TouchesAsync()).ContactId);
        Assert.Equal("https://graph.example/delta-1", (await bed.StreamAsync(ann.Id, MailboxStream.SentItems)).DeltaLink);
        await host.StopAsync();
    }

    private static SyncWorker.Sync.SyncRound Resolve(Microsoft.Extensions.Hosting.IHost host) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SyncWorker.Sync.SyncRound>(host.Services);
}
