using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// The calendar's stream (<c>calendarView/delta</c>): a meeting touch for each attendee or organiser who is a
/// contact, held once it has ended, cancelled when cancelled; a deleted meeting that had not happened yet
/// cancels its touches. After each round the rep's meetings that have ended since become held
/// (<see cref="MeetingOutcomes"/>).
/// </summary>
public sealed class CalendarStream(DeltaPageReader reader, ParticipantMatcher matcher, MeetingOutcomes outcomes, ILogger<CalendarStream> log) : IStreamKind
{
    public MailboxStream Stream => MailboxStream.Calendar;

    public Task<DeltaPage> ReadPageAsync(string mailbox, string? link, CancellationToken ct) =>
        reader.ReadCalendarAsync(mailbox, link, ct);

    public async Task<PageTouches> TouchesAsync(MailboxClaim claim, DeltaPage page, DateTime now, CancellationToken ct)
    {
        var meetings = page.Meetings.Where(m => !m.Removed && m.ICalUId is { Length: > 0 } && m.Start is not null).ToList();
        // Meetings never create contacts: an invitation is not a lead writing in.
        var contacts = await matcher.MatchAsync(
            meetings.SelectMany(m => m.Participants).Select(p => new Correspondent(p, Direction.None)).ToList(), ct);

        var touches = new List<Touch>();
        foreach (var meeting in meetings)
        {
            Outcome? outcome = meeting.IsCancelled ? Outcome.Cancelled : (meeting.End ?? meeting.Start) <= now ? Outcome.Held : null;
            foreach (var contactId in ParticipantMatcher.ContactsOf(meeting.Participants, contacts))
                touches.Add(new Touch(contactId, claim.RepId, Channel.Meeting, Direction.None, meeting.Start!.Value,
                    TouchKey.ForMeeting(meeting.ICalUId!), Origin.Sync, outcome, meeting.Subject)
                    {
                        EndsAt = meeting.End ?? meeting.Start,
                        SourceItemId = meeting.Id,
                    });
        }
        var removed = page.Meetings.Where(m => m.Removed && m.Id is { Length: > 0 }).Select(m => m.Id!).ToList();
        return new PageTouches([], touches, removed);
    }

    /// <summary>A failure here leaves the round's pages committed: the next round tries again.</summary>
    public async Task AfterRoundAsync(MailboxClaim claim)
    {
        try
        {
            var held = await outcomes.MarkEndedHeldAsync(claim.RepId, CancellationToken.None);
            if (held > 0) log.LogInformation("{Held} meetings of rep {RepId} have ended and count as held", held, claim.RepId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Could not mark the ended meetings of rep {RepId} as held; the next calendar round tries again", claim.RepId);
        }
    }
}
