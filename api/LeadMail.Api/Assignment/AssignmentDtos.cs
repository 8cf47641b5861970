using LeadMail.Api.Web;
using LeadMail.Core.Assignment;

namespace LeadMail.Api.Assignment;

/// <summary>A routing rule as managers see it.</summary>
public sealed record AssignmentRuleDto
{
    public int Id { get; init; }
    public int Position { get; init; }
    public string Name { get; init; } = "";
    public bool Active { get; init; }
    public string? Interest { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }
    public string? Source { get; init; }
    public double? MinScore { get; init; }
    public double? MaxScore { get; init; }
    public int? RepId { get; init; }

    /// <summary>The group whose active members take turns, when the rule names one instead of a rep.</summary>
    public string? Group { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>
/// The body of POST and PUT /api/assignment-rules: conditions (each optional; all set ones must
/// match) and a target, either <see cref="RepId"/> or <see cref="Group"/>.
/// </summary>
public sealed record AssignmentRuleWrite
{
    public string? Name { get; init; }

    /// <summary>Where the rule sits in the order (first match wins); defaults to last.</summary>
    public int? Position { get; init; }

    public bool? Active { get; init; }
    public string? Interest { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }
    public string? Source { get; init; }
    public double? MinScore { get; init; }
    public double? MaxScore { get; init; }
    public int? RepId { get; init; }
    public string? Group { get; init; }
}

/// <summary>A named team for round-robin routing.</summary>
public sealed record RepGroupDto(int Id, string Name, IReadOnlyList<int> RepIds, long Turns);

/// <summary>The body of PUT /api/rep-groups/{name}: the members, in rotation order.</summary>
public sealed record RepGroupWrite(List<int>? RepIds);

/// <summary>
/// The body of POST /api/contacts/{id}/assign: a new owner (null for the unassigned queue), or
/// <see cref="Route"/> to let the rules decide again.
/// </summary>
public sealed record AssignWrite
{
    public int? OwnerId { get; init; }
    public bool Route { get; init; }
    [MultiLineText]
    public string? Reason { get; init; }
}

/// <summary>One row of a contact's assignment audit.</summary>
public sealed record OwnerAssignmentDto(
    long Id, int ContactId, int? FromRepId, int? ToRepId, AssignmentCause Cause, int? RuleId, int? ByRepId, string? Reason, DateTime At);

/// <summary>The body of POST /api/assignment-rules/preview: the lead fields routing matches on, each optional.</summary>
public sealed record RoutingPreviewWrite
{
    public string? Interest { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }
    public string? Source { get; init; }

    /// <summary>The lead's score; a new lead starts at 0.</summary>
    public double? Score { get; init; }
}

/// <summary>
/// Which rule would take such a lead now and the rep it would go to; <see cref="Matched"/> false when
/// no rule would (the lead then stays with whoever adds it).
/// </summary>
public sealed record RoutingPreviewDto(bool Matched, int? RuleId, string? RuleName, string? Group, int? RepId, string? RepName);
