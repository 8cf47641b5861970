namespace LeadMail.SyncWorker.Sync;

/// <summary>Someone on a message or meeting, as Graph names them.</summary>
public sealed record Participant(string Address, string? Name);

/// <summary>The parts of a message that make touches; nothing of the body.</summary>
/// <param name="ODataType">Graph's type for a derived message (<c>#microsoft.graph.eventMessageRequest</c>…); null for plain mail.</param>
/// <param name="Headers">The internetMessageHeaders the classifier reads, by lower-case name; empty when not asked for.</param>
public sealed record MailItem(
    string? InternetMessageId,
    Participant? From,
    IReadOnlyList<Participant> Recipients,
    DateTime? At,
    string? Subject,
    bool IsDraft,
    bool Removed,
    string? Id = null,
    string? ODataType = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    string? ParentFolderId = null)
{
    public string? Header(string name) => Headers is not null && Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>The parts of a calendar event that make touches; a removed one carries only its <paramref name="Id"/>.</summary>
/// <param name="Type">Graph's eventType: singleInstance, occurrence, exception, seriesMaster.</param>
/// <param name="OriginalStart">When an occurrence was first scheduled (an exception keeps it when moved).</param>
/// <param name="RepResponse">The mailbox owner's response (responseStatus.response): declined, accepted, organizer…</param>
/// <param name="Responses">Each attendee's response by normalized address.</param>
/// <param name="SeriesICalUId">An occurrence's or exception's series master iCalUId, looked up while reading.</param>
public sealed record MeetingItem(
    string? Id,
    string? ICalUId,
    string? Subject,
    DateTime? Start,
    DateTime? End,
    bool IsCancelled,
    IReadOnlyList<Participant> Participants,
    bool Removed,
    string? Type = null,
    string? SeriesMasterId = null,
    DateTime? OriginalStart = null,
    string? RepResponse = null,
    IReadOnlyDictionary<string, string>? Responses = null,
    Participant? Organizer = null,
    string? SeriesICalUId = null)
{
    public bool IsRecurringInstance => Type is "occurrence" or "exception" && SeriesMasterId is { Length: > 0 };
}

/// <summary>A mail folder as the folder list reports it; a removed one carries only its id.</summary>
/// <param name="Skipped">Not correspondence (Drafts, Junk Email…, or a configured folder): no stream.</param>
/// <param name="OwnStream">Inbox or Sent Items, which have their own streams: only their size is kept.</param>
public sealed record FolderItem(string Id, string? Name, long? TotalItems, bool Removed, bool Skipped = false, LeadMail.Core.Sync.MailboxStream? OwnStream = null)
{
    public string? WellKnownName { get; init; }
    public string? ParentId { get; init; }
}

/// <summary>
/// One page of a delta round. Exactly one of <see cref="NextLink"/> (more pages follow) and
/// <see cref="DeltaLink"/> (the round is complete; call it next round for changes) is set.
/// </summary>
public sealed record DeltaPage(IReadOnlyList<MailItem> Messages, IReadOnlyList<MeetingItem> Meetings, string? NextLink, string? DeltaLink)
{
    /// <summary>The folder list's page.</summary>
    public IReadOnlyList<FolderItem> Folders { get; init; } = [];

    /// <summary>The messages that delivery reports on this page answer, by internetMessageId (looked up while reading).</summary>
    public IReadOnlyDictionary<string, MailItem> Originals { get; init; } = new Dictionary<string, MailItem>();

    /// <summary>The calendarView's end when this page started a new window; stored with the page's link.</summary>
    public DateTime? WindowEndsAt { get; init; }

    /// <summary>The history stream's page: which fetch it read, and where that fetch goes on.</summary>
    public IReadOnlyList<HistoryPage> History { get; init; } = [];

    public int ItemCount => Messages.Count + Meetings.Count + Folders.Count;

    /// <summary>Pages read one after another as one: their items in order, the last page's link.</summary>
    public static DeltaPage Concat(IReadOnlyList<DeltaPage> pages) => pages.Count == 1
        ? pages[0]
        : new DeltaPage([.. pages.SelectMany(p => p.Messages)], [.. pages.SelectMany(p => p.Meetings)], pages[^1].NextLink, pages[^1].DeltaLink)
        {
            Folders = [.. pages.SelectMany(p => p.Folders)],
            Originals = pages.SelectMany(p => p.Originals).DistinctBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => kv.Value),
            WindowEndsAt = pages.Select(p => p.WindowEndsAt).LastOrDefault(w => w is not null),
            History = [.. pages.SelectMany(p => p.History)],
        };
}

/// <summary>One page of a history fetch (<see cref="LeadMail.Core.Sync.HistoryFetch"/>): the items it read for one address.</summary>
/// <param name="NextLink">Where the fetch goes on; null when this page finished it.</param>
/// <param name="ItemsRead">What Graph returned, including items that make no touch.</param>
public sealed record HistoryPage(int FetchId, int ContactEmailId, string Address, LeadMail.Core.Sync.HistoryKind Kind,
    IReadOnlyList<MailItem> Messages, IReadOnlyList<MeetingItem> Meetings, string? NextLink, int ItemsRead);

/// <summary>Graph has forgotten the stream's sync state (410 Gone, syncStateNotFound): start again from scratch.</summary>
public sealed class SyncStateLostException(string message, Exception inner) : Exception(message, inner);

/// <summary>The folder a stream reads is gone from the mailbox (404): the stream ends.</summary>
public sealed class FolderGoneException(string folderId, Exception inner) : Exception($"The mail folder {folderId} is no longer in the mailbox.", inner);
