using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using LeadMail.SyncWorker.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>Graph misbehaving: throttling, outages, dropped connections, and a mailbox that keeps failing.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private readonly SyncTestBed bed = new();
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(-3);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await bed.DisposeAsync();

    /// <summary>The first request of the stream gets <paramref name="fault"/>; the retry gets the real page.</summary>
    private void FailFirstRequest(string mailbox, MailboxStream stream, IResponseBuilder fault)
    {
        var path = GraphStandIn.PathOf(mailbox, stream);
        bed.Graph.Server.Given(Request.Create().WithPath(path).UsingGet())
            .InScenario($"fault-{mailbox}-{stream}").WillSetStateTo("recovered")
            .AtPriority(1)
            .RespondWith(fault);
    }

    private async Task<(Core.Reps.Rep Rep, int Contact)> OneMessageInboxAsync()
    {
        var rep = await bed.AddRepAsync("ann@contoso.com");
        var lead = await bed.AddContactAsync("lee@fabrikam.example");
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, [[Message("<1@fabrikam.example>", "lee@fabrikam.example", [rep.Email], Day)]], "d1");
        return (rep, lead.Id);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_wait_Graph_asks_for()
    {
        var (rep, _) = await OneMessageInboxAsync();
        FailFirstRequest(rep.EntraObjectId!, MailboxStream.Inbox, Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1")
            .WithHeader("Content-Type", "application/json").WithBody("""{"error":{"code":"ApplicationThrottled","message":"Too many requests"}}"""));
        var clock = bed.NextRoundClock();

        var report = await bed.RunRoundAsync(clock);

        Assert.True(report.AllSucceeded);
        Assert.Equal(2, bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox).Count);
        // Retry-After: 1 is one second, not the 10 ms backoff configured for other faults.
        Assert.Contains(TimeSpan.FromSeconds(1), clock.Waits);
        Assert.Single(await bed.TouchesAsync());
    }

    [Fact]
    public async Task A_503_is_retried_and_the_round_succeeds()
    {
        var (rep, _) = await OneMessageInboxAsync();
        FailFirstRequest(rep.EntraObjectId!, MailboxStream.Inbox, Response.Create().WithStatusCode(503));

        var report = await bed.RunRoundAsync();

        Assert.True(report.AllSucceeded);
        Assert.Equal(2, bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox).Count);
        Assert.Single(await bed.TouchesAsync());
        Assert.Equal(0, (await bed.StreamAsync(rep.Id, MailboxStream.Inbox)).ConsecutiveFailures);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task A_dropped_connection_is_retried_and_the_round_succeeds(FaultType fault)
    {
        var (rep, _) = await OneMessageInboxAsync();
        FailFirstRequest(rep.EntraObjectId!, MailboxStream.Inbox, Response.Create().WithFault(fault));

        var report = await bed.RunRoundAsync();

        Assert.True(report.AllSucceeded, string.Join("; ", report.Streams.Select(o => o.Error)));
        Assert.Equal(2, bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox).Count);
        Assert.Single(await bed.TouchesAsync());
    }

    [Fact]
    public async Task A_page_that_keeps_failing_keeps_the_pages_read_before_it_and_the_next_round_carries_on_from_them()
    {
        var rep = await bed.AddRepAsync("ann@contoso.com");
        await bed.AddContactAsync("lee@fabrikam.example");
        var pages = Enumerable.Range(0, 6)
            .Select(i => (System.Text.Json.Nodes.JsonNode)Message($"<m{i}@fabrikam.example>", "lee@fabrikam.example", [rep.Email], Day.AddMinutes(i)))
            .Chunk(2).ToList();
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, pages, "d1");
        // The third page is down for the whole round; the two before it were read and waited to be committed together.
        bed.Graph.Server.Given(Request.Create().WithPath(GraphStandIn.PathOf(rep.EntraObjectId!, MailboxStream.Inbox)).WithParam("$skiptoken", "d1-p2").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(500));

        var failed = await bed.RunRoundAsync();

        Assert.False(failed.AllSucceeded);
        var halfway = await bed.StreamAsync(rep.Id, MailboxStream.Inbox);
        Assert.EndsWith("$skiptoken=d1-p2", halfway.DeltaLink);
        Assert.Equal((MailboxSyncStatus.Failing, 4L), (halfway.Status, halfway.ItemsSynced));
        Assert.Equal(4, (await bed.TouchesAsync()).Count);

        bed.Graph.ResetPages();
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, pages, "d1");
        Assert.True((await bed.RunRoundAsync()).AllSucceeded);

        Assert.Equal(6, (await bed.TouchesAsync()).Count);
        Assert.Equal(6L, (await bed.StreamAsync(rep.Id, MailboxStream.Inbox)).ItemsSynced);
        // The second round asked only for the page that had failed.
        Assert.Single(bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox), e => e.RequestMessage.RawQuery?.Contains("d1-p2") == true && e.ResponseMessage.StatusCode is 200);
    }

    [Fact]
    public async Task After_a_batch_fails_to_commit_the_pages_read_behind_it_are_not_committed()
    {
        var rep = await bed.AddRepAsync("ann@contoso.com");
        await bed.AddContactAsync("lee@fabrikam.example");
        var pages = Enumerable.Range(0, 8)
            .Select(i => (System.Text.Json.Nodes.JsonNode)Message(i is 2 ? "<poison@fabrikam.example>" : $"<m{i}@fabrikam.example>", "lee@fabrikam.example", [rep.Email], Day.AddMinutes(i)))
            .Chunk(2).ToList();
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox, pages, "d1");
        // The second page's batch cannot be stored, whatever is tried; the pages after it are read while it commits.
        await using (var db = bed.OpenDb())
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER PoisonTouch BEFORE INSERT ON Interactions WHEN NEW.NaturalKey LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'poisoned touch'); END;");

        var failed = await bed.RunRoundAsync(settings: new Dictionary<string, string?> { ["Sync:ItemsPerCommit"] = "2" });

        Assert.False(failed.AllSucceeded);
        // Committing what was read after the failed batch would have moved the link past its touches: lost for good.
        var stream = await bed.StreamAsync(rep.Id, MailboxStream.Inbox);
        Assert.EndsWith("$skiptoken=d1-p1", stream.DeltaLink);
        Assert.Contains("poisoned touch", stream.LastError);
        Assert.Equal(["<m0@fabrikam.example>", "<m1@fabrikam.example>"], (await bed.TouchesAsync()).Select(t => t.NaturalKey[(t.NaturalKey.IndexOf('<'))..]).Order());
    }

    [Fact]
    public async Task A_mailbox_that_keeps_failing_is_marked_in_error_with_the_reason_while_others_keep_syncing()
    {
        var broken = await bed.AddRepAsync("ann@contoso.com");
        var healthy = await bed.AddRepAsync("bob@contoso.com");
        await bed.AddContactAsync("lee@fabrikam.example");
        bed.Settings["Sync:FailuresBeforeError"] = "2";
        bed.Graph.Server.Given(Request.Create().WithPath(GraphStandIn.PathOf(broken.EntraObjectId!, MailboxStream.Inbox)).UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"ErrorInternalServerError","message":"The mailbox database is offline."}}"""));
        bed.Graph.ServeRound(healthy.EntraObjectId!, MailboxStream.Inbox, [[Message("<1@fabrikam.example>", "lee@fabrikam.example", [healthy.Email], Day)]], "d1");

        var first = await bed.RunRoundAsync();
        var afterOne = await bed.StreamAsync(broken.Id, MailboxStream.Inbox);
        var second = await bed.RunRoundAsync();

        Assert.False(first.AllSucceeded);
        Assert.False(second.AllSucceeded);
        Assert.Equal(MailboxSyncStatus.Failing, afterOne.Status);
        var inError = await bed.StreamAsync(broken.Id, MailboxStream.Inbox);
        Assert.Equal(MailboxSyncStatus.Error, inError.Status);
        Assert.Equal(2, inError.ConsecutiveFailures);
        Assert.Contains("500", inError.LastError);
        Assert.Contains("mailbox database is offline", inError.LastError);
        Assert.Null(inError.LeaseOwner);
        // 1 try + 3 retries per round.
        Assert.Equal(8, bed.Graph.RequestsFor(broken.EntraObjectId!, MailboxStream.Inbox).Count);
        Assert.Equal(MailboxSyncStatus.Synced, (await bed.StreamAsync(broken.Id, MailboxStream.SentItems)).Status);
        Assert.Equal(MailboxSyncStatus.Synced, (await bed.StreamAsync(healthy.Id, MailboxStream.Inbox)).Status);
        Assert.Single(await bed.TouchesAsync());
    }
}
