using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// The calendar's stream (<c>calendarView/delta</c>): a meeting touch for each attendee or organiser who is a
/// contact, held once it has ended, cancelled when cancelled; a deleted meeting that had not happened yet
/// cancels its touches. After each round the rep's meetings that have ended since become held
/// (<see cref="MeetingOutcomes"/>).
/// <list type="bullet">
/// <item>Recurring meetings: each occurrence and exception is a touch. Graph often sends them as stubs, so the
/// series master (<c>GET /events/{seriesMasterId}</c>) is read once per series per run for the subject, the
/// attendees and the series' iCalUId.</item>
/// <item>Responses are the calendar's: a contact who declined did not meet (cancelled), a meeting every external
/// attendee declined is not held, and a meeting the rep declined is not the rep's touch.</item>
/// <item>The window moves: once <c>Sync:CalendarRollDays</c> have passed since the calendarView started, the
/// stream starts a new one from now; meetings already recorded are recognised by their keys.</item>
/// <item>Graph reports an event that left the window (moved, or added or changed outside it) as <c>@removed</c>
/// with the reason deleted, like a deletion: each is looked up (<c>GET /events/{id}</c>) before anything is
/// cancelled. 404: deleted; isCancelled: cancelled; otherwise it moved, and its touches move with it.</item>
/// </list>
/// </summary>
public sealed class CalendarStream(
    DeltaPageReader reader, ParticipantMatcher matcher, MeetingOutcomes outcomes, IOptions<SyncOptions> options, TimeProvider clock, ILogger<CalendarStream> log)
    : IStreamKind
{
    /// <summary>Series masters read in this run, by id (null: the master is gone).</summary>
    private readonly Dictionary<string, MeetingItem?> masters = new(StringComparer.Ordinal);

    public MailboxStream Stream => MailboxStream.Calendar;

    public async Task<DeltaPage> ReadPageAsync(MailboxClaim claim, string? link, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (link is not null && link == claim.Link && !claim.MidRound && WindowDue(claim.WindowEndsAt, now))
        {
            log.LogInformation("The calendar window of rep {RepId} ends {WindowEndsAt:u}: starting a new one from now", claim.RepId, claim.WindowEndsAt);
            link = null;
        }
        var window = (now.AddDays(-options.Value.CalendarDaysBack), now.AddDays(options.Value.CalendarDaysAhead));
        var page = await reader.ReadCalendarAsync(claim.Mailbox, link, ct, window);

        var meetings = new List<MeetingItem>(page.Meetings.Count);
        foreach (var meeting in page.Meetings)
        {
            var item = meeting;
            if (item.Removed && item.Id is { Length: > 0 } id)
                // Deleted (404), or still there: cancelled or moved out of the window.
                item = await reader.GetEventAsync(claim.Mailbox, id, ct) ?? item;
            meetings.Add(await WithSeriesAsync(claim.Mailbox, item, ct));
        }
        return page with { Meetings = meetings };
    }

    /// <summary>An occurrence or exception with what its series master knows (its iCalUId, and what a stub leaves out).</summary>
    public async Task<MeetingItem> WithSeriesAsync(string mailbox, MeetingItem item, CancellationToken ct)
    {
        if (item.Removed || !item.IsRecurringInstance || await MasterAsync(mailbox, item.SeriesMasterId!, ct) is not { } master) return item;
        return item with
        {
            SeriesICalUId = master.ICalUId,
            Subject = item.Subject ?? master.Subject,
            Participants = item.Participants.Count > 0 ? item.Participants : master.Participants,
            Responses = item.Responses is { Count: > 0 } ? item.Responses : master.Responses,
            Organizer = item.Organizer ?? master.Organizer,
            RepResponse = item.RepResponse ?? master.RepResponse,
        };
    }

    public async Task<PageTouches> TouchesAsync(MailboxClaim claim, DeltaPage page, DateTime now, CancellationToken ct)
    {
        var meetings = Touching(page.Meetings);
        // A meeting the rep declined is not the rep's touch: what this calendar recorded for it is cancelled if still ahead.
        var declinedByRep = page.Meetings.Where(m => IsMeeting(m) && Is(m.RepResponse, "declined") && m.Id is { Length: > 0 }).Select(m => m.Id!).ToList();
        // Meetings never create contacts: an invitation is not a lead writing in.
        var contacts = await matcher.MatchAsync(
            meetings.SelectMany(m => m.Participants).Select(p => new Correspondent(p, Direction.None)).ToList(), ct);
        var removed = page.Meetings.Where(m => m.Removed && m.Id is { Length: > 0 }).Select(m => m.Id!).Concat(declinedByRep).ToList();
        return new PageTouches([], Touches(claim, meetings, contacts, now), removed);
    }

    /// <summary>The meetings that can be touches: not removed, not a series master, keyed, timed, and not declined by the rep.</summary>
    public static List<MeetingItem> Touching(IEnumerable<MeetingItem> meetings) =>
        meetings.Where(m => IsMeeting(m) && !Is(m.RepResponse, "declined")).ToList();

    private static bool IsMeeting(MeetingItem m) => !m.Removed && m.Type != "seriesMaster" && Key(m) is not null && m.Start is not null;

    /// <summary>A touch for each of <paramref name="contacts"/> on each meeting: held once ended, cancelled when cancelled or declined.</summary>
    public List<Touch> Touches(MailboxClaim claim, IEnumerable<MeetingItem> meetings, IReadOnlyDictionary<string, int> contacts, DateTime now)
    {
        var touches = new List<Touch>();
        foreach (var meeting in meetings)
        {
            Outcome? outcome = meeting.IsCancelled || NobodyExternalComes(meeting) ? Outcome.Cancelled
                : (meeting.End ?? meeting.Start) <= now ? Outcome.Held : null;
            foreach (var participant in meeting.Participants.DistinctBy(p => EmailAddress.Normalize(p.Address)))
            {
                if (!contacts.TryGetValue(EmailAddress.Normalize(participant.Address), out var contactId)) continue;
                // A contact who declined did not meet, whatever the others did.
                var declined = meeting.Responses is { } responses && responses.TryGetValue(EmailAddress.Normalize(participant.Address), out var r) && Is(r, "declined");
                touches.Add(new Touch(contactId, claim.RepId, Channel.Meeting, Direction.None, meeting.Start!.Value,
                    TouchKey.ForMeeting(Key(meeting)!), Origin.Sync, declined ? Outcome.Cancelled : outcome, meeting.Subject)
                    {
                        EndsAt = meeting.End ?? meeting.Start,
                        SourceItemId = meeting.Id,
                    });
            }
        }
        return touches;
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

    /// <summary>
    /// What makes a meeting one touch. A one-off meeting: its iCalUId, the same in every attendee's calendar. An
    /// occurrence or exception of a series: the series master's iCalUId with the occurrence's originalStart. Graph
    /// documents the event's iCalUId as different for each occurrence, but not that it survives an occurrence
    /// becoming an exception nor that stubs carry it; originalStart is when the occurrence was first scheduled, so
    /// a moved or re-titled exception keeps the key of the occurrence it replaced, and two occurrences never share one.
    /// </summary>
    private static string? Key(MeetingItem meeting)
    {
        if (meeting.IsRecurringInstance && meeting.SeriesICalUId is { Length: > 0 } series && (meeting.OriginalStart ?? meeting.Start) is { } original)
            return $"{series}|{original:yyyy-MM-ddTHH:mm:ssZ}";
        return meeting.ICalUId is { Length: > 0 } uid ? uid : null;
    }

    /// <summary>Every external attendee (the organiser aside) declined: the meeting is not held.</summary>
    private bool NobodyExternalComes(MeetingItem meeting)
    {
        var organizer = meeting.Organizer is { } o ? EmailAddress.Normalize(o.Address) : null;
        var external = meeting.Participants.Select(p => EmailAddress.Normalize(p.Address)).Distinct()
            .Where(a => a != organizer && matcher.IsExternal(a)).ToList();
        return external.Count > 0 && (organizer is null || !matcher.IsExternal(organizer))
            && external.All(a => meeting.Responses is { } responses && responses.TryGetValue(a, out var r) && Is(r, "declined"));
    }

    private bool WindowDue(DateTime? windowEndsAt, DateTime now) =>
        windowEndsAt is not { } end || end - now < TimeSpan.FromDays(options.Value.CalendarDaysAhead - options.Value.CalendarRollDays);

    private async Task<MeetingItem?> MasterAsync(string mailbox, string id, CancellationToken ct)
    {
        if (masters.TryGetValue(id, out var known)) return known;
        var master = await reader.GetEventAsync(mailbox, id, ct);
        masters[id] = master;
        return master;
    }

    private static bool Is(string? response, string value) => string.Equals(response, value, StringComparison.OrdinalIgnoreCase);
}
