using LeadMail.Api.Auth;
using LeadMail.Api.Web;
using LeadMail.Core.Consent;
using LeadMail.Core.Interactions;

namespace LeadMail.Api.Interactions;

/// <summary>A touch as the API shows it.</summary>
public sealed record InteractionDto
{
    public long Id { get; init; }
    public int ContactId { get; init; }
    public int? RepId { get; init; }
    public string? RepName { get; init; }
    public Channel Channel { get; init; }
    public Direction Direction { get; init; }
    public DateTime OccurredAt { get; init; }
    public string? Subject { get; init; }

    /// <summary>True when the subject came from another rep's mailbox and is withheld from this caller.</summary>
    public bool SubjectHidden { get; init; }

    public string? Notes { get; init; }
    public Outcome? Outcome { get; init; }
    public Origin Origin { get; init; }
    public bool IsConnect { get; init; }
    public DateTime RecordedAt { get; init; }

    /// <summary>The consent flag this touch went against (synced, or logged with an override reason).</summary>
    public ConsentFlag? ConsentViolation { get; init; }

    public string? ConsentOverrideReason { get; init; }

    /// <summary>An outbound touch beyond the frequency cap for its window.</summary>
    public bool OverFrequencyCap { get; init; }

    /// <summary>Whether the caller may correct or remove this touch (<see cref="TouchChangeRules"/>), so a client offers only what will be accepted.</summary>
    public bool CanChange { get; init; }

    /// <summary>
    /// The touch as this caller sees it: subjects from one rep's mailbox are not shown to other reps (managers
    /// see them), and whether the caller may change it.
    /// </summary>
    public InteractionDto ForCaller(Caller caller)
    {
        var shown = this with { CanChange = TouchChangeRules.MayChange(Origin, RepId, ConsentViolation, caller.RepId, caller.IsManager) };
        return Origin == Origin.Sync && RepId != caller.RepId && !caller.IsManager && Subject is not null
            ? shown with { Subject = null, SubjectHidden = true }
            : shown;
    }
}

/// <summary>A touch logged by hand (a call, a note, an email logged without sync…).</summary>
public sealed record InteractionWrite
{
    public Channel? Channel { get; init; }

    /// <summary>Defaults to outbound for calls, voicemails, letters and visits, none for notes; required for email and meetings.</summary>
    public Direction? Direction { get; init; }

    /// <summary>Defaults to now. A touch is something that happened: more than 5 minutes ahead is refused.</summary>
    public DateTime? OccurredAt { get; init; }

    public string? Subject { get; init; }
    [MultiLineText]
    public string? Notes { get; init; }
    public Outcome? Outcome { get; init; }

    /// <summary>Why the rep reaches out although the contact said not to (do-not-call, do-not-email, unsubscribed); without it such a touch is refused.</summary>
    [MultiLineText]
    public string? ConsentOverrideReason { get; init; }

    /// <summary>Makes retries safe; the Idempotency-Key header does the same.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// For an email logged by hand (the add-in's "log this email"): keys the touch like the sync worker
    /// does, so the email is logged once whichever logs it first, and the lookup reports it as logged.
    /// </summary>
    public string? InternetMessageId { get; init; }

    /// <summary><c>addin</c>, <c>api</c> (default) or <c>import</c>. Only the sync worker records <c>sync</c>.</summary>
    public Origin? Origin { get; init; }
}

/// <summary>What can be corrected of a touch logged by hand, sent as a JSON merge patch: fields left out stay as they are.</summary>
public sealed record TouchCorrectionWrite
{
    public DateTime? OccurredAt { get; init; }
    public Outcome? Outcome { get; init; }
    public string? Subject { get; init; }
    [MultiLineText]
    public string? Notes { get; init; }
}

/// <summary>A correction or removal of a touch: what it was, what it became (nothing, when removed), who changed it.</summary>
public sealed record TouchRevisionDto
{
    public long Id { get; init; }
    public long InteractionId { get; init; }
    public int ContactId { get; init; }
    public TouchRevisionKind Kind { get; init; }
    public DateTime At { get; init; }
    public int? ByRepId { get; init; }
    public string? ByRepName { get; init; }

    /// <summary>The rep who logged the touch.</summary>
    public int? RepId { get; init; }

    public Channel Channel { get; init; }
    public Direction Direction { get; init; }
    public Origin Origin { get; init; }
    public DateTime OccurredAt { get; init; }
    public Outcome? Outcome { get; init; }
    public string? Subject { get; init; }
    public string? Notes { get; init; }
    public DateTime? NewOccurredAt { get; init; }
    public Outcome? NewOutcome { get; init; }
    public string? NewSubject { get; init; }
    public string? NewNotes { get; init; }
}
