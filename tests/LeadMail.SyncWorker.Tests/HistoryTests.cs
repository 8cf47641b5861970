using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>
/// History when a lead appears: a new contact's (or a new address's) past mail and meetings are fetched from every
/// synced mailbox within Sync:HistoryDays, exactly once with what the delta streams record before or after.
/// Search results and calendarView pages have Graph's documented shapes
/// (https://learn.microsoft.com/graph/api/user-list-messages, https://learn.microsoft.com/graph/search-query-parameter,
/// https://learn.microsoft.com/graph/api/user-list-calendarview).
/// </summary>
public sealed class HistoryTests : IAsyncLifetime
{
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(-40);
    private readonly SyncTestBed bed = new();
    private Core.Reps.Rep ann = null!;
    private string mailbox = null!;

    public async Task InitializeAsync()
    {
        ann = await bed.AddRepAsync("ann@contoso.com");
        mailbox = ann.EntraObjectId!;
        bed.Graph.ServeWellKnownFolder(mailbox, "inbox", "inbox-id");
        bed.Graph.ServeWellKnownFolder(mailbox, "sentitems", "sent-id");
    }

    public async Task DisposeAsync() => await bed.DisposeAsync();

    private static readonly string[] LeeOnly = ["lee@fabrikam.example"];

    /// <summary>What Ann's mailbox holds with Lee: mail both ways, some that is not correspondence, one too old, and meetings.</summary>
    private void ServeLeesHistory()
    {
        bed.Graph.ServeSearch(mailbox, "lee@fabrikam.example", [
            [
                InFolder(Message("<lee-asks@fabrikam.example>", "lee@fabrikam.example", ["ann@contoso.com"], Day, subject: "A question"), "inbox-id"),
                InFolder(Message("<ann-answers@contoso.com>", "ann@contoso.com", LeeOnly, Day.AddHours(2), subject: "Re: A question"), "sent-id"),
                // Deleted Items is read by no stream; a newsletter is not Lee writing.
                InFolder(Message("<binned@fabrikam.example>", "lee@fabrikam.example", ["ann@contoso.com"], Day.AddHours(3)), "deleted-id"),
                InFolder(WithHeaders(Message("<news@fabrikam.example>", "lee@fabrikam.example", ["ann@contoso.com"], Day.AddHours(4)),
                    ("List-Unsubscribe", "<https://fabrikam.example/unsubscribe>")), "inbox-id"),
            ],
            [
                // Past Sync:HistoryDays (365 by default): the fetch ends here.
                InFolder(Message("<ancient@fabrikam.example>", "lee@fabrikam.example", ["ann@contoso.com"], DateTime.UtcNow.AddDays(-400)), "inbox-id"),
            ],
            [InFolder(Message("<older-still@fabrikam.example>", "lee@fabrikam.example", ["ann@contoso.com"], DateTime.UtcNow.AddDays(-500)), "inbox-id")],
        ], "lee");
        bed.Graph.ServeCalendarView(mailbox, [
            [Event("met-lee", Day.AddDays(1).AddHours(10), "ann@contoso.com", ["lee@fabrikam.example"], subject: "Intro call")],
            [Event("met-kim", Day.AddDays(2).AddHours(10), "ann@contoso.com", ["kim@northwind.example"], subject: "Someone else")],
        ], "cal");
    }

    [Fact]
    public async Task A_new_lead_gets_its_mail_both_ways_and_its_meetings_and_a_later_delta_round_of_the_same_mail_adds_nothing()
    {
        await bed.RoundSucceedsAsync();
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        ServeLeesHistory();

        await bed.RoundSucceedsAsync();

        var touches = await bed.TouchesAsync();
        Assert.All(touches, t => Assert.Equal((lee.Id, ann.Id), (t.ContactId, t.RepId!.Value)));
        Assert.Equal(
            new[] { TouchKey.ForMail("<ann-answers@contoso.com>", Direction.Outbound), TouchKey.ForMail("<lee-asks@fabrikam.example>", Direction.Inbound), TouchKey.ForMeeting("met-lee") }.Order(),
            touches.Select(t => t.NaturalKey).Order());
        Assert.Equal(Outcome.Held, touches.Single(t => t.Channel == Channel.Meeting).Outcome);
        // The page past the window ended the fetch: the one after it was never asked for.
        Assert.DoesNotContain(bed.Graph.RequestsAt(GraphStandIn.MessagesPathOf(mailbox)), e => e.RequestMessage.RawQuery?.Contains("lee-p2") == true);
        await using (var db = bed.OpenDb())
        {
            Assert.All(await db.HistoryFetches.ToListAsync(), f => Assert.NotNull(f.CompletedAt));
            Assert.False(await HistoryProgress.IsFetchingAsync(db, lee.Id, CancellationToken.None));
        }
        var history = await bed.StreamAsync(ann.Id, MailboxStream.History);
        Assert.Equal(MailboxSyncStatus.Synced, history.Status);
        Assert.Equal(3, history.TouchesRecorded);

        // The delta streams see the same mail and meeting later (the mailbox's next rounds): nothing new.
        bed.Graph.ServeRound(mailbox, MailboxStream.Inbox, [[Message("<lee-asks@fabrikam.example>", "lee@fabrikam.example", ["ann@contoso.com"], Day, subject: "A question")]], "i2", fromDeltaToken: "empty");
        bed.Graph.ServeRound(mailbox, MailboxStream.SentItems, [[Message("<ann-answers@contoso.com>", "ann@contoso.com", LeeOnly, Day.AddHours(2))]], "s2", fromDeltaToken: "empty");
        bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[Event("met-lee", Day.AddDays(1).AddHours(10), "ann@contoso.com", ["lee@fabrikam.example"], subject: "Intro call")]], "c2", fromDeltaToken: "empty");
        await bed.RoundSucceedsAsync();

        Assert.Equal(touches.Select(t => (t.Id, t.NaturalKey, t.Outcome)), (await bed.TouchesAsync()).Select(t => (t.Id, t.NaturalKey, t.Outcome)));
        Assert.Equal(3, (await bed.ContactsAsync()).Single().TouchesTotal);
    }

    [Fact]
    public async Task A_new_address_on_an_existing_lead_brings_that_address_history_to_the_same_lead()
    {
        // Added before the mailbox was first read: its backfill covers Lee, no history fetch is needed.
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        await bed.RoundSucceedsAsync();
        Assert.Empty(await bed.TouchesAsync());
        await using (var db = bed.OpenDb()) Assert.False(await HistoryProgress.IsFetchingAsync(db, lee.Id, CancellationToken.None));

        await using (var db = bed.OpenDb())
        {
            db.ContactEmails.Add(new ContactEmail { ContactId = lee.Id, Address = "lee.private@example.org" });
            await db.SaveChangesAsync();
            Assert.True(await HistoryProgress.IsFetchingAsync(db, lee.Id, CancellationToken.None));
        }
        bed.Graph.ServeSearch(mailbox, "lee.private@example.org",
            [[InFolder(Message("<from-home@example.org>", "lee.private@example.org", ["ann@contoso.com"], Day), "inbox-id")]], "home");

        await bed.RoundSucceedsAsync();

        var touch = Assert.Single(await bed.TouchesAsync());
        Assert.Equal((lee.Id, TouchKey.ForMail("<from-home@example.org>", Direction.Inbound)), (touch.ContactId, touch.NaturalKey));
        Assert.DoesNotContain(bed.Graph.RequestsAt(GraphStandIn.MessagesPathOf(mailbox)), e => Uri.UnescapeDataString(e.RequestMessage.RawQuery ?? "").Contains("participants:lee@fabrikam.example"));
    }

    [Fact]
    public async Task Addresses_there_before_the_history_stage_are_not_fetched()
    {
        await bed.RoundSucceedsAsync();
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        await using (var db = bed.OpenDb())
            // An address from before: its mailboxes' backfill read it.
            await db.ContactEmails.Where(e => e.ContactId == lee.Id).ExecuteUpdateAsync(set => set.SetProperty(e => e.HistoryPending, false));

        await bed.RoundSucceedsAsync();

        Assert.Empty(bed.Graph.RequestsAt(GraphStandIn.MessagesPathOf(mailbox)));
        Assert.Empty(bed.Graph.RequestsAt(GraphStandIn.CalendarViewPathOf(mailbox)));
        await using var check = bed.OpenDb();
        Assert.Empty(await check.HistoryFetches.ToListAsync());
    }

    [Fact]
    public async Task Mail_the_delta_stream_recorded_first_is_not_recorded_again_by_the_history_fetch()
    {
        await bed.RoundSucceedsAsync();
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        var asks = Message("<lee-asks@fabrikam.example>", "lee@fabrikam.example", ["ann@contoso.com"], Day, subject: "A question");
        bed.Graph.ServeRound(mailbox, MailboxStream.Inbox, [[asks]], "i1", fromDeltaToken: "empty");
        // The search is unavailable in the first round: only the Inbox records Lee's mail.
        bed.Graph.Server.Given(Request.Create().WithPath(GraphStandIn.MessagesPathOf(mailbox)).UsingGet()).InScenario("search-down").AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"ErrorInvalidRequest","message":"Search is unavailable."}}"""));
        var first = await bed.RunRoundAsync();
        Assert.False(Assert.Single(first.Streams, s => s.Claim.Stream == MailboxStream.History).Succeeded);
        var recorded = Assert.Single(await bed.TouchesAsync());
        await using (var db = bed.OpenDb()) Assert.True(await HistoryProgress.IsFetchingAsync(db, lee.Id, CancellationToken.None));

        bed.Graph.ResetPages();
        bed.Graph.ServeWellKnownFolder(mailbox, "inbox", "inbox-id");
        bed.Graph.ServeWellKnownFolder(mailbox, "sentitems", "sent-id");
        bed.Graph.ServeSearch(mailbox, "lee@fabrikam.example", [[InFolder(asks, "inbox-id")]], "lee");
        await bed.RoundSucceedsAsync();

        Assert.Equal(recorded.Id, Assert.Single(await bed.TouchesAsync()).Id);
        await using var check = bed.OpenDb();
        Assert.False(await HistoryProgress.IsFetchingAsync(check, lee.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_throttled_history_page_waits_for_the_Retry_After_Graph_asks_for()
    {
        await bed.RoundSucceedsAsync();
        await bed.AddContactAsync("lee@fabrikam.example");
        ServeLeesHistory();
        bed.Graph.Server.Given(Request.Create().WithPath(GraphStandIn.MessagesPathOf(mailbox)).UsingGet())
            .InScenario("throttled").WillSetStateTo("recovered").AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "2").WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"ApplicationThrottled","message":"MailboxConcurrency limit exceeded"}}"""));
        var clock = bed.NextRoundClock();

        var report = await bed.RunRoundAsync(clock);

        Assert.True(report.AllSucceeded);
        Assert.Contains(TimeSpan.FromSeconds(2), clock.Waits);
        Assert.Equal(3, (await bed.TouchesAsync()).Count);
    }

    [Fact]
    public async Task Killed_in_the_middle_of_a_history_fetch_the_next_run_resumes_at_the_committed_next_link()
    {
        // Each page commits on its own, so the first page's link is committed before the second is answered.
        bed.Settings["Sync:ItemsPerCommit"] = "1";
        bed.Settings["Sync:PollInterval"] = "00:00:01";
        await bed.RoundSucceedsAsync();
        await bed.AddContactAsync("lee@fabrikam.example");
        var pages = new List<System.Text.Json.Nodes.JsonNode[]>
        {
            new[] { InFolder(Message("<one@fabrikam.example>", "lee@fabrikam.example", ["ann@contoso.com"], Day), "inbox-id") },
            new[] { InFolder(Message("<two@contoso.com>", "ann@contoso.com", LeeOnly, Day.AddDays(-1)), "sent-id") },
        };
        bed.Graph.ServeSearch(mailbox, "lee@fabrikam.example", pages, "lee", delay: TimeSpan.FromSeconds(20), slowPage: 1);
        await using var workers = new WorkerProcess(bed);

        var crashed = workers.Start("--once");
        await WaitForCommittedNextLinkAsync(crashed);
        await WorkerProcess.KillAsync(crashed);
        bed.Graph.ResetPages();
        bed.Graph.ServeWellKnownFolder(mailbox, "inbox", "inbox-id");
        bed.Graph.ServeWellKnownFolder(mailbox, "sentitems", "sent-id");
        bed.Graph.ServeSearch(mailbox, "lee@fabrikam.example", pages, "lee");
        await workers.WaitForLeasesToLapseAsync();
        await workers.RunOnceAsync();

        var searches = bed.Graph.RequestsAt(GraphStandIn.MessagesPathOf(mailbox));
        // The first page was read once, by the killed run; the next run went on from the committed link.
        Assert.Single(searches, e => e.RequestMessage.RawQuery?.Contains("skiptoken") != true);
        Assert.Equal(new[] { TouchKey.ForMail("<one@fabrikam.example>", Direction.Inbound), TouchKey.ForMail("<two@contoso.com>", Direction.Outbound) }.Order(),
            (await bed.TouchesAsync()).Select(t => t.NaturalKey).Order());
    }

    private async Task WaitForCommittedNextLinkAsync(System.Diagnostics.Process worker)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            await using (var db = bed.OpenDb())
                if (await db.HistoryFetches.AnyAsync(f => f.Kind == HistoryKind.Mail && f.NextLink != null)) return;
            if (worker.HasExited) Assert.Fail($"The worker exited ({worker.ExitCode}) before the first history page committed.");
            await Task.Delay(100);
        }
        Assert.Fail("The first history page never committed.");
    }
}
