using System.Text.Json.Nodes;
using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Tests.Infrastructure;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>Delta rounds: paging to the delta link, later rounds from it, removals, replays and Graph forgetting the state.</summary>
public sealed class PagingTests : IAsyncLifetime
{
    private readonly SyncTestBed bed = new();
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(-3);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await bed.DisposeAsync();

    /// <summary>An inbox of <paramref name="count"/> messages from the given leads, in pages of <paramref name="pageSize"/>.</summary>
    private static List<JsonNode[]> InboxPages(string[] leads, string rep, int count, int pageSize, string prefix = "m") =>
        Enumerable.Range(0, count)
            .Select(i => (JsonNode)Message($"<{prefix}{i}@mail.example>", leads[i % leads.Length], [rep], Day.AddMinutes(i)))
            .Chunk(pageSize).ToList();

    [Fact]
    public async Task A_first_round_follows_next_links_to_the_delta_link_and_records_every_touch()
    {
        var rep = await bed.AddRepAsync("ann@contoso.com");
        var leads = new[] { "lee@fabrikam.example", "kim@northwind.example" };
        foreach (var lead in leads) await bed.AddContactAsync(lead);
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, InboxPages(leads, rep.Email, 7, 3), "d1");

        var report = await bed.RunRoundAsync();

        Assert.True(report.AllSucceeded);
        Assert.Equal(3, bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox).Count);
        var touches = await bed.TouchesAsync();
        Assert.Equal(7, touches.Count);
        Assert.All(touches, t => Assert.Equal((Channel.Email, Direction.Inbound, Origin.Sync, (int?)rep.Id), (t.Channel, t.Direction, t.Origin, t.RepId)));
        var inbox = await bed.StreamAsync(rep.Id, MailboxStream.Inbox);
        Assert.EndsWith("$deltatoken=d1", inbox.DeltaLink);
        Assert.False(inbox.MidRound);
        Assert.Equal(MailboxSyncStatus.Synced, inbox.Status);
        Assert.Equal(7, inbox.ItemsSynced);
        Assert.Equal(7, inbox.TouchesRecorded);
        Assert.NotNull(inbox.BackfillCompletedAt);
        Assert.Null(inbox.LeaseOwner);
        var first = bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox)[0].RequestMessage;
        // Only what makes touches, the page size asked for, immutable ids.
        var query = Uri.UnescapeDataString(first.RawQuery ?? "");
        Assert.Contains("$select=", query);
        Assert.Contains("internetMessageId", query);
        Assert.DoesNotContain("body", query);
        var prefer = string.Join(",", first.Headers!["Prefer"]);
        Assert.Contains("odata.maxpagesize=50", prefer);
        Assert.Contains("IdType=\"ImmutableId\"", prefer);
    }

    [Fact]
    public async Task A_later_round_starts_from_the_delta_link_and_removed_items_leave_touches_alone()
    {
        var rep = await bed.AddRepAsync("ann@contoso.com");
        await bed.AddContactAsync("lee@fabrikam.example");
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, InboxPages(["lee@fabrikam.example"], rep.Email, 4, 2), "d1");
        await bed.RunRoundAsync();

        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox,
            [[Message("<new@mail.example>", "lee@fabrikam.example", [rep.Email], Day.AddDays(1)), Removed("AAMk-gone")]], "d2", fromDeltaToken: "d1");
        var report = await bed.RunRoundAsync();

        Assert.True(report.AllSucceeded);
        var touches = await bed.TouchesAsync();
        // The deleted message was still received: its touch stays, and the new one is added.
        Assert.Equal(5, touches.Count);
        Assert.Contains(touches, t => t.NaturalKey == TouchKey.ForMail("<new@mail.example>", Direction.Inbound));
        var inbox = await bed.StreamAsync(rep.Id, MailboxStream.Inbox);
        Assert.EndsWith("$deltatoken=d2", inbox.DeltaLink);
        Assert.Equal(6, inbox.ItemsSynced);
        Assert.Contains(bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox), e => e.RequestMessage.RawQuery?.Contains("$deltatoken=d1") == true);
    }

    [Fact]
    public async Task Replaying_the_same_pages_records_nothing_twice()
    {
        var rep = await bed.AddRepAsync("ann@contoso.com");
        var lead = await bed.AddContactAsync("lee@fabrikam.example");
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, InboxPages(["lee@fabrikam.example"], rep.Email, 6, 2), "d1");
        await bed.RunRoundAsync();
        var before = await bed.TouchesAsync();

        // Forget the link, as if the delta state were replayed from the start.
        await using (var db = bed.OpenDb())
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.MailboxSyncs);
        var report = await bed.RunRoundAsync();

        Assert.True(report.AllSucceeded);
        Assert.Equal(6, bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox).Count);
        var after = await bed.TouchesAsync();
        Assert.Equal(before.Select(t => t.Id), after.Select(t => t.Id));
        Assert.Equal(6, (await bed.ContactsAsync()).Single(c => c.Id == lead.Id).TouchesTotal);
        Assert.Equal(0, (await bed.StreamAsync(rep.Id, MailboxStream.Inbox)).TouchesRecorded);
    }

    [Fact]
    public async Task Graph_forgetting_the_sync_state_restarts_the_stream_from_scratch_without_duplicates()
    {
        var rep = await bed.AddRepAsync("ann@contoso.com");
        await bed.AddContactAsync("lee@fabrikam.example");
        var pages = InboxPages(["lee@fabrikam.example"], rep.Email, 4, 2);
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, pages, "d1");
        await bed.RunRoundAsync();

        bed.Graph.Server.Given(WireMock.RequestBuilders.Request.Create()
                .WithPath(GraphStandIn.PathOf(rep.EntraObjectId!, MailboxStream.Inbox)).WithParam("$deltatoken", "d1").UsingGet())
            .AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(410).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"syncStateNotFound","message":"The sync state generation is not found."}}"""));
        var report = await bed.RunRoundAsync();

        Assert.True(report.AllSucceeded);
        Assert.Equal(4, (await bed.TouchesAsync()).Count);
        var inbox = await bed.StreamAsync(rep.Id, MailboxStream.Inbox);
        Assert.Equal(1, inbox.Resyncs);
        Assert.Equal(MailboxSyncStatus.Synced, inbox.Status);
        Assert.EndsWith("$deltatoken=d1", inbox.DeltaLink);
        // From scratch means the first page again, without any token.
        var requests = bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox);
        Assert.Equal(2 + 1 + 2, requests.Count);
        Assert.False(requests[3].RequestMessage.Query?.ContainsKey("$skiptoken") ?? false);
        Assert.False(requests[3].RequestMessage.Query?.ContainsKey("$deltatoken") ?? false);
    }
}
