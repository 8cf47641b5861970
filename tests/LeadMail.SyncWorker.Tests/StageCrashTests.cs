using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>
/// The worker process killed inside each stage that reads more than a delta page (the folder list's well-known
/// folders, a series master, a removed event, the message a delivery report answers), then run again: what the
/// mailbox holds is recorded exactly once.
/// </summary>
public sealed class StageCrashTests : IAsyncLifetime
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(-3);
    private static readonly DateTime Ahead = DateTime.UtcNow.Date.AddDays(10).AddHours(9);
    private readonly SyncTestBed bed = new();
    private WorkerProcess workers = null!;
    private Core.Reps.Rep rep = null!;
    private string mailbox = null!;
    private int leeId;

    public async Task InitializeAsync()
    {
        workers = new WorkerProcess(bed);
        // A stream killed before its first commit is due again after a poll interval, not at once.
        bed.Settings["Sync:PollInterval"] = "00:00:01";
        rep = await bed.AddRepAsync("ann@contoso.com");
        mailbox = rep.EntraObjectId!;
        leeId = (await bed.AddContactAsync("lee@fabrikam.example")).Id;
    }

    public async Task DisposeAsync()
    {
        await workers.DisposeAsync();
        await bed.DisposeAsync();
    }

    /// <summary>Kills the first run once Graph has answered <paramref name="answered"/>, lets its leases lapse, and runs again with <paramref name="serveFast"/>.</summary>
    private async Task CrashAndRestartAsync(string answered, Action serveFast)
    {
        var crashed = workers.Start("--once");
        await workers.WaitForAnsweredAsync(answered, crashed);
        await WorkerProcess.KillAsync(crashed);
        bed.Graph.ResetPages();
        serveFast();
        await workers.WaitForLeasesToLapseAsync();
        await workers.RunOnceAsync();
    }

    [Fact]
    public async Task Killed_while_resolving_the_folder_list_the_folders_streams_are_added_once()
    {
        void Serve(TimeSpan? hang)
        {
            bed.Graph.ServeRound(mailbox, MailboxStream.Folders, [[Folder("inbox-id", "Inbox", "root-id"), Folder("archive-id", "Archive", "root-id")]], "f1");
            bed.Graph.ServeFolderRound(mailbox, "archive-id", [[Message("<filed@fabrikam.example>", "lee@fabrikam.example", [rep.Email], Day)]], "a1");
            if (hang is { } wait)
                bed.Graph.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath($"/v1.0/users/{mailbox}/mailFolders/inbox").UsingGet()).AtPriority(1)
                    .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                        .WithBody("""{"id":"inbox-id"}""").WithDelay(wait));
            else bed.Graph.ServeWellKnownFolder(mailbox, "inbox", "inbox-id");
        }
        Serve(Hang);

        await CrashAndRestartAsync(GraphStandIn.PathOf(mailbox, MailboxStream.Folders), () => Serve(null));

        await using var db = bed.OpenDb();
        Assert.Equal("archive-id", Assert.Single(await db.MailboxSyncs.Where(s => s.Stream == MailboxStream.MailFolder).Select(s => s.FolderId).ToListAsync()));
        Assert.Equal(TouchKey.ForMail("<filed@fabrikam.example>", Direction.Inbound), Assert.Single(await bed.TouchesAsync()).NaturalKey);
    }

    [Fact]
    public async Task Killed_while_reading_a_series_master_each_occurrence_is_recorded_once()
    {
        void Serve(TimeSpan? hang)
        {
            bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[Occurrence("occ-1", "master-1", Ahead), Occurrence("occ-2", "master-1", Ahead.AddDays(7))]], "c1");
            bed.Graph.ServeEvent(mailbox, "master-1", SeriesMaster("master-1", "series-uid", Ahead, rep.Email, ["lee@fabrikam.example"], "Weekly"), hang);
        }
        Serve(Hang);

        await CrashAndRestartAsync(GraphStandIn.PathOf(mailbox, MailboxStream.Calendar), () => Serve(null));

        var touches = await bed.TouchesAsync();
        Assert.Equal(2, touches.Count);
        Assert.Equal(2, touches.Select(t => t.NaturalKey).Distinct().Count());
        Assert.All(touches, t => Assert.Equal((leeId, "Weekly"), (t.ContactId, t.Subject)));
    }

    [Fact]
    public async Task Killed_while_looking_up_a_removed_event_it_is_cancelled_once()
    {
        bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[Event("gone", Ahead, rep.Email, ["lee@fabrikam.example"])]], "c1");
        Assert.True((await bed.RunRoundAsync(new TestClock(TimeSpan.FromMinutes(-10)))).AllSucceeded);
        void Serve(TimeSpan? hang)
        {
            bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[Removed("AAMkEvgone")]], "c2", fromDeltaToken: "c1");
            if (hang is { } wait)
                bed.Graph.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath($"/v1.0/users/{mailbox}/events/AAMkEvgone").UsingGet()).AtPriority(1)
                    .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
                        .WithBody("""{"error":{"code":"ErrorItemNotFound","message":"Not found."}}""").WithDelay(wait));
        }
        Serve(Hang);

        await CrashAndRestartAsync(GraphStandIn.PathOf(mailbox, MailboxStream.Calendar), () => Serve(null));

        var touch = Assert.Single(await bed.TouchesAsync());
        Assert.Equal(Outcome.Cancelled, touch.Outcome);
        Assert.Equal(MailboxSyncStatus.Synced, (await bed.StreamAsync(rep.Id, MailboxStream.Calendar)).Status);
    }

    [Fact]
    public async Task Killed_while_finding_the_message_a_delivery_report_answers_the_bounce_is_recorded_once()
    {
        var offer = Message("<offer@contoso.com>", rep.Email, ["lee@fabrikam.example"], Day, subject: "Our offer");
        void Serve(TimeSpan? hang)
        {
            bed.Graph.ServeRound(mailbox, MailboxStream.Inbox, [[
                WithHeaders(Message("<ndr@fabrikam.example>", "postmaster@fabrikam.example", [rep.Email], Day.AddMinutes(1)),
                    ("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"b\""), ("In-Reply-To", "<offer@contoso.com>")),
            ]], "i1");
            bed.Graph.ServeMessageLookup(mailbox, "offer@contoso.com", offer, hang);
        }
        Serve(Hang);

        await CrashAndRestartAsync(GraphStandIn.PathOf(mailbox, MailboxStream.Inbox), () => Serve(null));

        var touch = Assert.Single(await bed.TouchesAsync());
        Assert.Equal((leeId, Outcome.Bounced, Direction.Outbound), (touch.ContactId, touch.Outcome, touch.Direction));
    }
}
