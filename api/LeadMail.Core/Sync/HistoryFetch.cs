using LeadMail.Core.Contacts;
using LeadMail.Core.Reps;

namespace LeadMail.Core.Sync;

/// <summary>
/// Fetching one new address's past mail or meetings from one rep's mailbox, within <c>Sync:HistoryDays</c>. The
/// sync worker adds one per synced mailbox and kind when an address is added (<see cref="ContactEmail.HistoryPending"/>),
/// and writes <see cref="NextLink"/> in the transaction that records the touches of the page before it, so a crash
/// resumes at the next page and records nothing twice.
/// </summary>
public class HistoryFetch
{
    public int Id { get; set; }
    public int ContactEmailId { get; set; }
    public ContactEmail? ContactEmail { get; set; }
    public int RepId { get; set; }
    public Rep? Rep { get; set; }
    public HistoryKind Kind { get; set; }

    /// <summary>Graph's <c>@odata.nextLink</c> to read next; null before the first page.</summary>
    public string? NextLink { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the last page was recorded; null while the fetch is waiting or under way.</summary>
    public DateTime? CompletedAt { get; set; }

    /// <summary>Graph items read (messages or events, including ones that made no touch).</summary>
    public long ItemsRead { get; set; }
}

/// <summary>What a history fetch reads: the mailbox's messages, or its calendar.</summary>
public enum HistoryKind
{
    Mail,
    Meetings,
}
