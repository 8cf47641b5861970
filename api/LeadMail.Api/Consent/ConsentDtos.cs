using LeadMail.Core.Consent;

namespace LeadMail.Api.Consent;

/// <summary>
/// The body of PUT /api/contacts/{id}/consent: the flags to set (true) or clear (false); a flag left out stays
/// as it is, so the pane's one-click toggle sends one.
/// </summary>
public sealed record ConsentWrite
{
    public bool? DoNotCall { get; init; }
    public bool? DoNotEmail { get; init; }
    public bool? Unsubscribed { get; init; }
}

/// <summary>The contact's consent flags after the change, and its new ETag's version.</summary>
public sealed record ConsentDto(int ContactId, bool DoNotCall, bool DoNotEmail, bool Unsubscribed, int Version);

/// <summary>One consent flag set or cleared: which, to what, by whom, when.</summary>
public sealed record ConsentChangeDto(long Id, int ContactId, ConsentFlag Flag, bool Value, int? ByRepId, string? ByRepName, DateTime At);
