using LeadMail.Core.Consent;
using LeadMail.Core.Interactions;

namespace LeadMail.Core.Contacts;

/// <summary>
/// The task pane's lookup: the contact owning an address and what the pane shows with it. It runs for every
/// email a rep opens, so each provider reads it with statements prepared once per connection
/// (<c>Persistence/&lt;provider&gt;/…ContactLookup</c>), and the rows become the caller's types as they are
/// read (<see cref="IContactLookupShape{TContact, TTouch}"/>), with nothing in between.
/// </summary>
public interface IContactLookup<TContact, TTouch>
{
    /// <summary>
    /// The contact owning <paramref name="address"/> (normalised) and what the pane shows with it; only its id when
    /// <paramref name="visible"/> says its owner's leads are not the caller's to open (a colleague's lead, read no further).
    /// </summary>
    Task<ContactLookupResult<TContact, TTouch>> ReadAsync(
        string address, Func<int?, bool> visible, string? internetMessageId, DateTime now, FrequencyCapOptions cap, CancellationToken ct);
}

/// <summary>What the lookup's caller makes of each row it reads.</summary>
public interface IContactLookupShape<TContact, TTouch>
{
    /// <param name="emails">Every address, primary first, then as added.</param>
    TContact Contact(in LookupContact contact, List<string> emails);

    TTouch Touch(in LookupTouch touch);
}

/// <summary>
/// What the lookup found: the rows of a contact the caller may open, or the id of a colleague's lead
/// (whose restricted view is read apart, off the pane's hot path), or neither when no contact has the address.
/// </summary>
public readonly record struct ContactLookupResult<TContact, TTouch>(ContactLookupRows<TContact, TTouch>? Rows, int? RestrictedContactId)
{
    public static ContactLookupResult<TContact, TTouch> None => default;
}

/// <summary>What the lookup read for one contact the caller may see.</summary>
public sealed record ContactLookupRows<TContact, TTouch>(
    TContact Contact, List<TTouch> Interactions, int TouchesLast7Days, int OutboundTouchesLast7Days, FrequencyCapStatus Cap, bool? MessageLogged, bool HistoryFetching);

/// <summary>A contact's row as the lookup reads it, instants UTC.</summary>
public readonly struct LookupContact
{
    public int Id { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    public string? Title { get; init; }
    public string? Phone { get; init; }
    public string? MobilePhone { get; init; }
    public string? Street { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }
    public string? Background { get; init; }
    public string? Source { get; init; }
    public DateOnly? FirstMetOn { get; init; }
    public string? Interest { get; init; }
    public Stage Stage { get; init; }
    public Priority Priority { get; init; }
    public bool PrioritySetByHand { get; init; }
    public double Score { get; init; }
    public int? OwnerId { get; init; }
    public string? OwnerName { get; init; }
    public bool DoNotCall { get; init; }
    public bool DoNotEmail { get; init; }
    public bool Unsubscribed { get; init; }
    public DateTime? NextFollowUpDue { get; init; }
    public string? NextFollowUpNote { get; init; }
    public DateTime? LastTouchAt { get; init; }
    public DateTime? LastInboundAt { get; init; }
    public int TouchesTotal { get; init; }
    public int OutboundSinceConnect { get; init; }
    public DateTime? FirstConnectAt { get; init; }
    public int? TouchesBeforeConnect { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }
}

/// <summary>A touch's row as the lookup reads it, instants UTC.</summary>
public readonly struct LookupTouch
{
    public long Id { get; init; }
    public int ContactId { get; init; }
    public int? RepId { get; init; }
    public string? RepName { get; init; }
    public Channel Channel { get; init; }
    public Direction Direction { get; init; }
    public DateTime OccurredAt { get; init; }
    public string? Subject { get; init; }
    public string? Notes { get; init; }
    public Outcome? Outcome { get; init; }
    public Origin Origin { get; init; }
    public bool IsConnect { get; init; }
    public DateTime RecordedAt { get; init; }
    public ConsentFlag? ConsentViolation { get; init; }
    public string? ConsentOverrideReason { get; init; }
    public bool OverFrequencyCap { get; init; }
}
