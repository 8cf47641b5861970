using LeadMail.Api.Contacts;
using LeadMail.Api.Web;
using LeadMail.Core.Assignment;

namespace LeadMail.Api.HandOvers;

/// <summary>The body of POST /api/contacts/{id}/hand-over-requests; the note is optional.</summary>
public sealed record HandOverWrite
{
    [MultiLineText]
    public string? Note { get; init; }
}

/// <summary>A rep by id and name, as a request names them.</summary>
public sealed record HandOverRepDto(int Id, string Name, string Email);

/// <summary>
/// A request for a lead. The lead is named as its restricted view would name it (display name, company):
/// the owner knows the lead, and the rep who asked has seen no more.
/// </summary>
public sealed record HandOverRequestDto
{
    public int Id { get; init; }
    public int ContactId { get; init; }
    public string DisplayName { get; init; } = "";
    public string? Company { get; init; }
    public HandOverRepDto? RequestedBy { get; init; }
    public int? FromRepId { get; init; }
    public string? Note { get; init; }
    public HandOverStatus Status { get; init; }
    public DateTime RequestedAt { get; init; }
    public DateTime? DecidedAt { get; init; }
    public int? DecidedById { get; init; }
}

/// <summary>
/// A request the caller made, still waiting, with the lead as the caller may see it: its restricted view, or null when
/// the caller may open the lead in full (it was left unassigned meanwhile).
/// </summary>
public sealed record SentHandOverDto(HandOverRequestDto Request, RestrictedLookupDto? Lead);
