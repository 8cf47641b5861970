namespace LeadMail.Core.Assignment;

/// <summary>
/// A manager's routing rule: when every condition that is set matches a new lead, the lead goes
/// to <see cref="RepId"/> or to the next active rep of <see cref="RepGroupId"/>. Rules are tried
/// in <see cref="Position"/> order; the first match wins.
/// </summary>
public class AssignmentRule
{
    public int Id { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public bool Active { get; set; } = true;

    public string? Interest { get; set; }
    public string? Region { get; set; }
    public string? Country { get; set; }
    public string? Source { get; set; }
    public double? MinScore { get; set; }
    public double? MaxScore { get; set; }

    public int? RepId { get; set; }
    public int? RepGroupId { get; set; }
    public RepGroup? RepGroup { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A named team that takes leads in turn.</summary>
public class RepGroup
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>
    /// How many leads the group has been dealt. Incremented by one UPDATE in the database so two
    /// concurrent creations never take the same turn.
    /// </summary>
    public long Turns { get; set; }

    public List<RepGroupMember> Members { get; set; } = [];
}

public class RepGroupMember
{
    public int RepGroupId { get; set; }
    public int RepId { get; set; }

    /// <summary>The order of the rotation.</summary>
    public int Position { get; set; }
}

/// <summary>The audit of who came to own a lead, by which rule or person, and when.</summary>
public class OwnerAssignment
{
    public long Id { get; set; }
    public int ContactId { get; set; }
    public Contacts.Contact? Contact { get; set; }
    public int? FromRepId { get; set; }
    public int? ToRepId { get; set; }
    public AssignmentCause Cause { get; set; }

    /// <summary>The rule that matched, for <see cref="AssignmentCause.Rule"/>.</summary>
    public int? RuleId { get; set; }

    /// <summary>The person who assigned it (or who created the lead), when a person did.</summary>
    public int? ByRepId { get; set; }

    public string? Reason { get; set; }
    public DateTime At { get; set; }
}

public enum AssignmentCause
{
    /// <summary>A routing rule matched.</summary>
    Rule,

    /// <summary>No rule matched: the lead's creator took it, or it went to the unassigned queue.</summary>
    NoRuleMatched,

    /// <summary>The owner was named when the lead was created.</summary>
    Creation,

    /// <summary>Someone (re)assigned it by hand.</summary>
    Manual,

    /// <summary>The owner or a manager accepted a colleague's request for the lead.</summary>
    HandOver,
}
