using LeadMail.Core.Reps;

namespace LeadMail.Core.Sync;

/// <summary>
/// Where the sync worker stands on one stream of one rep's mailbox: the Graph link to resume from,
/// who holds it right now, and how it has been going. The link is written in the same transaction
/// as the touches of the page it follows, so a crash resumes exactly where the last commit left off.
/// </summary>
public class MailboxSync
{
    public int Id { get; set; }
    public int RepId { get; set; }
    public Rep? Rep { get; set; }
    public MailboxStream Stream { get; set; }

    /// <summary>
    /// The Graph id of the folder a <see cref="MailboxStream.MailFolder"/> stream reads; empty for the streams a
    /// mailbox always has (Inbox, Sent Items, the calendar, the folder list).
    /// </summary>
    public string FolderId { get; set; } = "";

    /// <summary>The folder's display name as the mailbox shows it (Inbox, Archive, a rep's own folder).</summary>
    public string? FolderName { get; set; }

    /// <summary>How many items the folder held when the folder list was last read: the backfill's size.</summary>
    public long? FolderItemCount { get; set; }

    /// <summary>The calendar stream's calendarView end: before it comes near, the stream starts a new window.</summary>
    public DateTime? WindowEndsAt { get; set; }

    /// <summary>When the stream was added: a stream that never succeeded is measured from here.</summary>
    public DateTime? CreatedAt { get; set; }

    /// <summary>When a page of this stream last committed: a long backfill is progressing, not stuck.</summary>
    public DateTime? LastCommitAt { get; set; }

    /// <summary>
    /// The Graph URL to call next: an <c>@odata.nextLink</c> while a round is paging, the
    /// <c>@odata.deltaLink</c> between rounds, null before the first page (or after a resync).
    /// </summary>
    public string? DeltaLink { get; set; }

    /// <summary>True while <see cref="DeltaLink"/> is a next link, i.e. a round stopped mid-way.</summary>
    public bool MidRound { get; set; }

    public MailboxSyncStatus Status { get; set; } = MailboxSyncStatus.Backfilling;

    /// <summary>The worker instance holding this stream; null when nobody does.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>When the lease lapses: a crashed worker's streams are picked up after this.</summary>
    public DateTime? LeaseExpiresAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }
    public DateTime? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }

    /// <summary>Graph items read (messages or events, including ones that became no touch).</summary>
    public long ItemsSynced { get; set; }

    /// <summary>Touches this stream recorded for the first time.</summary>
    public long TouchesRecorded { get; set; }

    /// <summary>When the first full pass (the backfill) reached its delta link.</summary>
    public DateTime? BackfillCompletedAt { get; set; }

    /// <summary>Times Graph forgot the sync state (410) and the stream started again from scratch.</summary>
    public int Resyncs { get; set; }

    /// <summary>Counted up by each change notification for this mailbox (<see cref="MailboxNudges"/>): while it is ahead of <see cref="NudgesSeen"/> the stream is due.</summary>
    public int Nudges { get; set; }

    /// <summary><see cref="Nudges"/> as the last claim found it: the nudges before it are served by that round.</summary>
    public int NudgesSeen { get; set; }

    /// <summary>When a change notification last nudged the stream.</summary>
    public DateTime? NudgedAt { get; set; }
}

/// <summary>What is read from a mailbox: its Inbox, Sent Items and calendar, its folder list, and each other mail folder.</summary>
public enum MailboxStream
{
    Inbox,
    SentItems,
    Calendar,

    /// <summary>The mailbox's folders (<c>mailFolders/delta</c>): adds and ends the <see cref="MailFolder"/> streams.</summary>
    Folders,

    /// <summary>One more mail folder (Archive, a subfolder of Inbox, a rep's own folder), named by <see cref="MailboxSync.FolderId"/>.</summary>
    MailFolder,

    /// <summary>A change-notification subscription (<see cref="MailSubscription"/>): shown with the streams, never a <see cref="MailboxSync"/> row.</summary>
    Subscription,

    /// <summary>The past mail and meetings of addresses added since (<see cref="HistoryFetch"/>), one fetch after another.</summary>
    History,
}

public enum MailboxSyncStatus
{
    /// <summary>The first full pass has not reached its delta link yet.</summary>
    Backfilling,

    /// <summary>Caught up at the last attempt.</summary>
    Synced,

    /// <summary>The last attempt failed; it will be retried.</summary>
    Failing,

    /// <summary>Failed repeatedly: still retried at the poll interval, but needs someone to look at <see cref="MailboxSync.LastError"/>.</summary>
    Error,
}
