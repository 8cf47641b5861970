namespace LeadMail.Core.Interactions;

public enum TouchRevisionKind
{
    Corrected,
    Removed,
}

/// <summary>
/// A correction or removal of a touch logged by hand: what it was, what it became (nothing, when removed),
/// who changed it and when. The touch itself holds only its latest state, or is gone; managers read these
/// to see what changed in the activity their reports count.
/// </summary>
public class TouchRevision
{
    public long Id { get; set; }

    /// <summary>The touch; not a foreign key, since a removed touch is gone.</summary>
    public long InteractionId { get; set; }

    public int ContactId { get; set; }
    public TouchRevisionKind Kind { get; set; }
    public DateTime At { get; set; }

    /// <summary>Who corrected or removed it.</summary>
    public int? ByRepId { get; set; }

    public Reps.Rep? ByRep { get; set; }

    /// <summary>Who logged it, and how: the touch's own fields, which no correction changes.</summary>
    public int? RepId { get; set; }

    public Channel Channel { get; set; }
    public Direction Direction { get; set; }
    public Origin Origin { get; set; }

    public DateTime OccurredAt { get; set; }
    public Outcome? Outcome { get; set; }
    public string? Subject { get; set; }
    public string? Notes { get; set; }

    /// <summary>After a correction; null when the touch was removed.</summary>
    public DateTime? NewOccurredAt { get; set; }

    public Outcome? NewOutcome { get; set; }
    public string? NewSubject { get; set; }
    public string? NewNotes { get; set; }

    /// <summary>The revision's record of the touch as it was before the change.</summary>
    internal static TouchRevision Before(Interaction touch, TouchRevisionKind kind, DateTime at, int? byRepId) => new()
    {
        InteractionId = touch.Id,
        ContactId = touch.ContactId,
        Kind = kind,
        At = at,
        ByRepId = byRepId,
        RepId = touch.RepId,
        Channel = touch.Channel,
        Direction = touch.Direction,
        Origin = touch.Origin,
        OccurredAt = touch.OccurredAt,
        Outcome = touch.Outcome,
        Subject = touch.Subject,
        Notes = touch.Notes,
    };
}
