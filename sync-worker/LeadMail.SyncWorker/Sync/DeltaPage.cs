namespace LeadMail.SyncWorker.Sync;

/// <summary>Someone on a message or meeting, as Graph names them.</summary>
public sealed record Participant(string Address, string? Name);

/// <summary>The parts of a message that make touches; nothing of the body.</summary>
public sealed record MailItem(
    string? InternetMessageId,
    Participant? From,
    IReadOnlyList<Participant> Recipients,
    DateTime? At,
    string? Subject,
    bool IsDraft,
    bool Removed);

/// <summary>The parts of a calendar event that make touches; a removed one carries only its <paramref name="Id"/>.</summary>
public sealed record MeetingItem(
    string? Id,
    string? ICalUId,
    string? Subject,
    DateTime? Start,
    DateTime? End,
    bool IsCancelled,
    IReadOnlyList<Participant> Participants,
    bool Removed);

/// <summary>
/// One page of a delta round. Exactly one of <see cref="NextLink"/> (more pages follow) and
/// <see cref="DeltaLink"/> (the round is complete; call it next round for changes) is set.
/// </summary>
public sealed record DeltaPage(IReadOnlyList<MailItem> Messages, IReadOnlyList<MeetingItem> Meetings, string? NextLink, string? DeltaLink)
{
    public int ItemCount => Messages.Count + Meetings.Count;

    /// <summary>Pages read one after another as one: their items in order, the last page's link.</summary>
    public static DeltaPage Concat(IReadOnlyList<DeltaPage> pages) => pages.Count == 1
        ? pages[0]
        : new DeltaPage([.. pages.SelectMany(p => p.Messages)], [.. pages.SelectMany(p => p.Meetings)], pages[^1].NextLink, pages[^1].DeltaLink);
}

/// <summary>Graph has forgotten the stream's sync state (410 Gone, syncStateNotFound): start again from scratch.</summary>
public sealed class SyncStateLostException(string message, Exception inner) : Exception(message, inner);
