using System.Diagnostics;
using System.Text.Json.Nodes;
using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Tests.Infrastructure;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>
/// The worker as a real process (<c>dotnet LeadMail.SyncWorker.dll</c>) killed or stopped mid-backfill,
/// then restarted: the mailbox's ground truth ends up in the database exactly once.
/// </summary>
public sealed class CrashTests : IAsyncLifetime
{
    private readonly SyncTestBed bed = new();
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(-3);
    private Core.Reps.Rep rep = null!;
    private int leadId;
    private List<JsonNode[]> pages = null!;
    private readonly WorkerProcess workers;

    public CrashTests() => workers = new WorkerProcess(bed);

    public async Task InitializeAsync()
    {
        rep = await bed.AddRepAsync("ann@contoso.com");
        leadId = (await bed.AddContactAsync("lee@fabrikam.example")).Id;
        pages = Enumerable.Range(0, 10)
            .Select(i => (JsonNode)Message($"<m{i}@fabrikam.example>", "lee@fabrikam.example", [rep.Email], Day.AddMinutes(i)))
            .Chunk(2).ToList();
    }

    public async Task DisposeAsync()
    {
        await workers.DisposeAsync();
        await bed.DisposeAsync();
    }

    private IEnumerable<string> GroundTruth() =>
        Enumerable.Range(0, 10).Select(i => TouchKey.ForMail($"<m{i}@fabrikam.example>", Direction.Inbound)).Order();

    [Fact]
    public async Task Killed_between_pages_and_restarted_it_neither_loses_nor_duplicates_a_touch()
    {
        // The third page hangs, so the kill lands after two committed pages.
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, pages, "d1", delay: TimeSpan.FromSeconds(15), slowPage: 2);
        var crashed = workers.Start("--once");
        await WaitForCommittedLinkAsync("$skiptoken=d1-p2", crashed);
        crashed.Kill(entireProcessTree: true);
        await crashed.WaitForExitAsync();

        var halfway = await bed.StreamAsync(rep.Id, MailboxStream.Inbox);
        Assert.True(halfway.MidRound);
        Assert.EndsWith("$skiptoken=d1-p2", halfway.DeltaLink);
        Assert.NotNull(halfway.LeaseOwner);
        Assert.Equal(4, (await bed.TouchesAsync()).Count);

        // The killed worker's lease lapses on its own; then a new run carries on from the committed link.
        bed.Graph.ResetPages();
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, pages, "d1");
        await WaitForLeaseToLapseAsync();
        var restarted = workers.Start("--once");
        await restarted.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, restarted.ExitCode);

        var touches = await bed.TouchesAsync();
        Assert.Equal(GroundTruth(), touches.Select(t => t.NaturalKey).Order());
        Assert.Equal(10, (await bed.ContactsAsync()).Single(c => c.Id == leadId).TouchesTotal);
        var done = await bed.StreamAsync(rep.Id, MailboxStream.Inbox);
        Assert.Equal((MailboxSyncStatus.Synced, false, 10L), (done.Status, done.MidRound, done.ItemsSynced));
        // The restart resumed at page three instead of reading the mailbox again.
        var requests = bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox).Select(e => e.RequestMessage.RawQuery ?? "").ToList();
        Assert.Equal(1, requests.Count(q => !q.Contains("token")));
    }

    [Fact]
    public async Task Sigterm_stops_the_continuous_worker_at_a_page_boundary_and_frees_the_mailbox()
    {
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, pages, "d1", delay: TimeSpan.FromSeconds(15), slowPage: 2);
        var worker = workers.Start();
        await WaitForCommittedLinkAsync("$skiptoken=d1-p2", worker);

        using (var kill = Process.Start("kill", ["-TERM", worker.Id.ToString()])) await kill.WaitForExitAsync();
        await worker.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, worker.ExitCode);
        var stopped = await bed.StreamAsync(rep.Id, MailboxStream.Inbox);
        Assert.EndsWith("$skiptoken=d1-p2", stopped.DeltaLink);
        Assert.Null(stopped.LeaseOwner);
        Assert.Equal(4, (await bed.TouchesAsync()).Count);
    }

    /// <summary>Waits until the worker has committed the pages before <paramref name="link"/> (WireMock logs a request only once answered).</summary>
    private async Task WaitForCommittedLinkAsync(string link, Process worker)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            await using (var db = bed.OpenDb())
            {
                var committed = db.MailboxSyncs.Where(s => s.RepId == rep.Id && s.Stream == MailboxStream.Inbox).Select(s => s.DeltaLink).FirstOrDefault();
                if (committed?.EndsWith(link) == true)
                {
                    // Let the next page's request go out, so the stop lands mid-fetch.
                    await Task.Delay(300);
                    return;
                }
            }
            if (worker.HasExited) Assert.Fail($"The worker exited ({worker.ExitCode}) before committing up to {link}: {workers.Output}");
            await Task.Delay(100);
        }
        Assert.Fail($"The worker never committed up to {link}.");
    }

    private async Task WaitForLeaseToLapseAsync()
    {
        for (var waited = 0; waited < 300; waited++)
        {
            if ((await bed.StreamAsync(rep.Id, MailboxStream.Inbox)).LeaseExpiresAt < DateTime.UtcNow) return;
            await Task.Delay(100);
        }
        Assert.Fail("The lease never lapsed.");
    }
}
