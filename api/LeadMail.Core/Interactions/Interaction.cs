using LeadMail.Core.Contacts;
using LeadMail.Core.Reps;

namespace LeadMail.Core.Interactions;

/// <summary>A touch: one email, meeting, call, letter, visit or note between a rep and a lead.</summary>
public class Interaction
{
    public long Id { get; set; }
    public int ContactId { get; set; }
    public Contact? Contact { get; set; }

    /// <summary>The rep who made or received the touch; null for imports that name nobody.</summary>
    public int? RepId { get; set; }
    public Rep? Rep { get; set; }

    public Channel Channel { get; set; }
    public Direction Direction { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>Email or meeting subject; shown only to the rep whose mailbox it came from and to managers.</summary>
    public string? Subject { get; set; }

    /// <summary>What the rep wrote about a call, visit or note. Email bodies are never stored here.</summary>
    public string? Notes { get; set; }

    public Outcome? Outcome { get; set; }
    public Origin Origin { get; set; }

    /// <summary>When a synced meeting ends: once it has passed, a meeting still without an outcome was held.</summary>
    public DateTime? EndsAt { get; set; }

    /// <summary>
    /// The mailbox item a synced meeting came from (Graph's immutable event id): a deletion names nothing
    /// else, and a meeting deleted before it happened did not take place.
    /// </summary>
    public string? SourceItemId { get; set; }

    /// <summary>
    /// What makes a touch itself: <c>mail:&lt;internetMessageId&gt;</c>, <c>meeting:&lt;iCalUId&gt;</c>, or a
    /// client's idempotency key. Unique per contact, so replaying anything changes nothing.
    /// </summary>
    public required string NaturalKey { get; set; }

    /// <summary>Whether this touch reached the person (reply, held meeting, connected call, visit).</summary>
    public bool IsConnect { get; set; }

    /// <summary>The consent flag this touch went against (it was made anyway: synced, or overridden with a reason).</summary>
    public Consent.ConsentFlag? ConsentViolation { get; set; }

    /// <summary>Why the rep reached out despite the flag, when they overrode it.</summary>
    public string? ConsentOverrideReason { get; set; }

    /// <summary>An outbound touch beyond the frequency cap for its window.</summary>
    public bool OverFrequencyCap { get; set; }

    /// <summary>When LeadMail learnt of the touch (as opposed to when it happened).</summary>
    public DateTime RecordedAt { get; set; }

    public static bool CountsAsConnect(Channel channel, Direction direction, Outcome? outcome) => channel switch
    {
        Channel.Email => direction == Direction.Inbound,
        Channel.Meeting => outcome == Interactions.Outcome.Held,
        Channel.Call => outcome == Interactions.Outcome.Connected,
        Channel.Visit => outcome is null or Interactions.Outcome.Connected or Interactions.Outcome.Held,
        _ => false,
    };
}

public enum Channel
{
    Email,
    Meeting,
    Call,
    Voicemail,
    Letter,
    Visit,
    Note,
}

public enum Direction
{
    Outbound,
    Inbound,
    None,
}

public enum Outcome
{
    Connected,
    LeftMessage,
    SpokeToSomeoneElse,
    NoAnswer,
    Bounced,
    Held,
    Cancelled,
}

/// <summary>Who told LeadMail about the touch.</summary>
public enum Origin
{
    Sync,
    Addin,
    Api,
    Import,
}
