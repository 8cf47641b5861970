using System.Text.Json.Nodes;
using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Tests.Infrastructure;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>
/// The calendar as Graph sends it (event resource, https://learn.microsoft.com/graph/api/resources/event?view=graph-rest-1.0;
/// calendarView delta, https://learn.microsoft.com/graph/api/event-delta?view=graph-rest-1.0): recurring series as stubs
/// and exceptions, attendees' responses, events that leave the window, and the window moving on.
/// </summary>
public sealed class CalendarShapesTests : IAsyncLifetime
{
    private readonly SyncTestBed bed = new();
    private static readonly DateTime Monday = DateTime.UtcNow.Date.AddDays(14 - (int)DateTime.UtcNow.DayOfWeek + 1).AddHours(9);
    private Core.Reps.Rep rep = null!;
    private string mailbox = null!;

    public async Task InitializeAsync()
    {
        rep = await bed.AddRepAsync("ann@contoso.com");
        mailbox = rep.EntraObjectId!;
    }

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Each_occurrence_of_a_series_is_a_touch_and_a_moved_exception_stays_one()
    {
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        bed.Graph.ServeEvent(mailbox, "master-1", SeriesMaster("master-1", "series-uid", Monday, rep.Email, ["lee@fabrikam.example"], "Weekly check-in"));
        bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[
            Occurrence("occ-1", "master-1", Monday),
            Occurrence("occ-2", "master-1", Monday.AddDays(7)),
            // The third week moved to Tuesday and re-titled: an exception, with the start it replaced.
            Occurrence("exc-3", "master-1", Monday.AddDays(15), originalStart: Monday.AddDays(14), subject: "Check-in (moved)"),
        ]], "c1");

        await bed.RoundSucceedsAsync();

        var touches = (await bed.TouchesAsync()).OrderBy(t => t.OccurredAt).ToList();
        Assert.Equal(3, touches.Count);
        Assert.All(touches, t => Assert.Equal(lee.Id, t.ContactId));
        Assert.Equal(
            [TouchKey.ForMeeting($"series-uid|{Monday:yyyy-MM-ddTHH:mm:ssZ}"), TouchKey.ForMeeting($"series-uid|{Monday.AddDays(7):yyyy-MM-ddTHH:mm:ssZ}"),
             TouchKey.ForMeeting($"series-uid|{Monday.AddDays(14):yyyy-MM-ddTHH:mm:ssZ}")],
            touches.Select(t => t.NaturalKey));
        Assert.Equal(["Weekly check-in", "Weekly check-in", "Check-in (moved)"], touches.Select(t => t.Subject));
        // The master is read once for the whole series.
        Assert.Single(bed.Graph.RequestsAt($"/v1.0/users/{mailbox}/events/master-1"));

        // Moved again, to Wednesday: still the third week's touch.
        bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[
            Occurrence("exc-3", "master-1", Monday.AddDays(16), originalStart: Monday.AddDays(14), subject: "Check-in (moved)"),
        ]], "c2", fromDeltaToken: "c1");
        await bed.RoundSucceedsAsync();
        var after = await bed.TouchesAsync();
        Assert.Equal(3, after.Count);
        Assert.Equal(Monday.AddDays(16), after.Single(t => t.Subject == "Check-in (moved)").OccurredAt);
    }

    [Fact]
    public async Task A_lead_who_declined_did_not_meet_a_meeting_every_external_attendee_declined_is_not_held_and_tentative_counts()
    {
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        var kim = await bed.AddContactAsync("kim@northwind.example");
        var max = await bed.AddContactAsync("max@tailspin.example");
        var past = DateTime.UtcNow.Date.AddDays(-2).AddHours(10);
        bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[
            EventWithResponses("demo", past, rep.Email, [("lee@fabrikam.example", "declined"), ("kim@northwind.example", "tentativelyAccepted")]),
            EventWithResponses("pitch", past.AddDays(1), rep.Email,
                [("lee@fabrikam.example", "declined"), ("max@tailspin.example", "declined"), ("guest@other.example", "declined"), ("bob@contoso.com", "accepted")]),
        ]], "c1");

        await bed.RoundSucceedsAsync();

        var touches = await bed.TouchesAsync();
        Assert.Equal(Outcome.Cancelled, touches.Single(t => t.ContactId == lee.Id && t.NaturalKey == TouchKey.ForMeeting("demo")).Outcome);
        var tentative = touches.Single(t => t.ContactId == kim.Id);
        Assert.Equal((Outcome.Held, true), (tentative.Outcome, tentative.IsConnect));
        Assert.All(touches.Where(t => t.NaturalKey == TouchKey.ForMeeting("pitch")), t => Assert.Equal(Outcome.Cancelled, t.Outcome));
        Assert.Equal(2, touches.Count(t => t.NaturalKey == TouchKey.ForMeeting("pitch")));
        Assert.False(touches.Single(t => t.ContactId == max.Id).IsConnect);
    }

    [Fact]
    public async Task A_meeting_the_rep_declined_is_not_the_reps_touch()
    {
        await bed.AddContactAsync("lee@fabrikam.example");
        var accepted = EventWithResponses("intro", Monday, "lee@fabrikam.example", [(rep.Email, "accepted")], repResponse: "accepted");
        var other = EventWithResponses("other", Monday.AddDays(1), "lee@fabrikam.example", [(rep.Email, "declined")], repResponse: "declined");
        bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[accepted, other]], "c1");
        await bed.RoundSucceedsAsync();
        var first = Assert.Single(await bed.TouchesAsync());
        Assert.Equal((TouchKey.ForMeeting("intro"), (Outcome?)null), (first.NaturalKey, first.Outcome));

        // The rep declines the intro after all.
        var declined = EventWithResponses("intro", Monday, "lee@fabrikam.example", [(rep.Email, "declined")], repResponse: "declined");
        bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[declined]], "c2", fromDeltaToken: "c1");
        await bed.RoundSucceedsAsync();
        Assert.Equal(Outcome.Cancelled, Assert.Single(await bed.TouchesAsync()).Outcome);
    }

    [Fact]
    public async Task A_removed_event_is_looked_up_deleted_and_cancelled_ones_are_cancelled_and_one_moved_out_of_the_window_moves()
    {
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        JsonObject Meeting(string uid, DateTime at) => Event(uid, at, rep.Email, ["lee@fabrikam.example"]);
        bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[Meeting("deleted", Monday), Meeting("cancelled", Monday.AddDays(1)), Meeting("moved", Monday.AddDays(2))]], "c1");
        await bed.RoundSucceedsAsync();
        Assert.Equal(3, (await bed.TouchesAsync()).Count);

        // All three leave the calendarView; Graph reports each as @removed, reason deleted.
        bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[Removed("AAMkEvdeleted"), Removed("AAMkEvcancelled"), Removed("AAMkEvmoved")]], "c2", fromDeltaToken: "c1");
        var cancelled = Meeting("cancelled", Monday.AddDays(1));
        cancelled["isCancelled"] = true;
        bed.Graph.ServeEvent(mailbox, "AAMkEvcancelled", cancelled);
        var farAhead = DateTime.UtcNow.Date.AddDays(300).AddHours(9);
        bed.Graph.ServeEvent(mailbox, "AAMkEvmoved", Meeting("moved", farAhead));
        await bed.RoundSucceedsAsync();

        var touches = (await bed.TouchesAsync()).ToDictionary(t => t.NaturalKey);
        Assert.Equal(Outcome.Cancelled, touches[TouchKey.ForMeeting("deleted")].Outcome);
        Assert.Equal(Outcome.Cancelled, touches[TouchKey.ForMeeting("cancelled")].Outcome);
        var moved = touches[TouchKey.ForMeeting("moved")];
        Assert.Equal(((Outcome?)null, farAhead), (moved.Outcome, moved.OccurredAt));
        Assert.All(touches.Values, t => Assert.Equal(lee.Id, t.ContactId));
    }

    [Fact]
    public async Task The_calendar_window_rolls_forward_without_duplicating_meetings()
    {
        await bed.AddContactAsync("lee@fabrikam.example");
        var soon = Event("soon", Monday, rep.Email, ["lee@fabrikam.example"]);
        // Beyond the first window (180 days), inside the one that starts a month later.
        var later = Event("later", DateTime.UtcNow.Date.AddDays(200).AddHours(9), rep.Email, ["lee@fabrikam.example"]);
        bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[soon]], "c1");
        Assert.True((await bed.RunRoundAsync(new TestClock(TimeSpan.FromMinutes(10)))).AllSucceeded);
        var firstEnd = (await bed.StreamAsync(rep.Id, MailboxStream.Calendar)).WindowEndsAt!.Value;

        // Ten days on: the same window, read from its delta link.
        Assert.True((await bed.RunRoundAsync(new TestClock(TimeSpan.FromDays(10)))).AllSucceeded);
        Assert.Equal(firstEnd, (await bed.StreamAsync(rep.Id, MailboxStream.Calendar)).WindowEndsAt);

        // A month on: a new window from now, read from scratch; the meeting already recorded is recognised.
        bed.Graph.ResetPages();
        bed.Graph.ServeRound(mailbox, MailboxStream.Calendar, [[soon, later]], "c2");
        Assert.True((await bed.RunRoundAsync(new TestClock(TimeSpan.FromDays(31)))).AllSucceeded);

        var stream = await bed.StreamAsync(rep.Id, MailboxStream.Calendar);
        Assert.InRange(stream.WindowEndsAt!.Value - firstEnd, TimeSpan.FromDays(30.9), TimeSpan.FromDays(31.1));
        var requests = bed.Graph.RequestsFor(mailbox, MailboxStream.Calendar).Select(e => e.RequestMessage.RawQuery ?? "").ToList();
        Assert.Equal(2, requests.Count(q => q.Contains("startDateTime", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal([TouchKey.ForMeeting("later"), TouchKey.ForMeeting("soon")], (await bed.TouchesAsync()).Select(t => t.NaturalKey).Order());
    }
}
