using LeadMail.Core.Interactions;

namespace LeadMail.Core.FollowUps;

/// <summary>
/// A promise to reach out by a time. At most one is open per contact, mirrored on
/// <see cref="Contacts.Contact.NextFollowUpDue"/> and <see cref="Contacts.Contact.NextFollowUpNote"/>
/// (what the task pane and the lookup read); the rows keep who promised what and how it ended.
/// </summary>
public class FollowUp
{
    public long Id { get; set; }
    public int ContactId { get; set; }
    public DateTime DueAt { get; set; }
    public string? Note { get; set; }

    /// <summary>When set, only a touch on this channel completes the follow-up; otherwise any reaching-out touch does.</summary>
    public Channel? Channel { get; set; }

    public FollowUpKind Kind { get; set; }

    /// <summary>The attempt this follow-up proposes (cadence only): 2 means the second outbound touch.</summary>
    public int? Attempt { get; set; }

    /// <summary>Cadence only: the time of the outbound touch this step follows (the due time counts from it).</summary>
    public DateTime? AfterTouchAt { get; set; }

    public int? CreatedByRepId { get; set; }
    public DateTime CreatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }
    public int? CompletedByRepId { get; set; }

    /// <summary>The touch that kept the promise.</summary>
    public long? CompletedByInteractionId { get; set; }

    /// <summary>Set when the follow-up was withdrawn, replaced by another, or made moot by a connect.</summary>
    public DateTime? ClosedAt { get; set; }

    public int? ClosedByRepId { get; set; }
    public string? ClosedReason { get; set; }

    public bool IsOpen => CompletedAt is null && ClosedAt is null;
}

public enum FollowUpKind
{
    /// <summary>Promised by a person.</summary>
    Manual,

    /// <summary>Proposed by the cadence after an unanswered outbound touch.</summary>
    Cadence,
}
