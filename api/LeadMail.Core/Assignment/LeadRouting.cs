using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Assignment;

/// <summary>The rule that matched a lead and the rep it picked.</summary>
public sealed record RoutingDecision(int RuleId, int RepId);

/// <summary>What routing reads of a lead: the conditions a rule may set.</summary>
public sealed record RoutingFacts(string? Interest, string? Region, string? Country, string? Source, double Score)
{
    public static RoutingFacts Of(Contact contact) => new(contact.Interest, contact.Region, contact.Country, contact.Source, contact.Score);
}

/// <summary>
/// Distribution: the first active rule whose conditions all match picks a rep (directly, or the next
/// active member of a group in turn; see <see cref="RoutingRound"/>). Run inside a transaction: a group's
/// turn is taken by an UPDATE whose row lock lasts until the lead is saved.
/// </summary>
public sealed class LeadRouting(LeadMailDb db, TimeProvider clock)
{
    /// <summary>Routes the lead, taking the group's turn when a round-robin rule matches.</summary>
    public Task<RoutingDecision?> RouteAsync(Contact contact, CancellationToken ct) => DecideAsync(RoutingFacts.Of(contact), takeTurn: true, ct);

    /// <summary>The decision <see cref="RouteAsync"/> would make now, reading only: no group's turn is taken.</summary>
    public Task<RoutingDecision?> PreviewAsync(RoutingFacts lead, CancellationToken ct) => DecideAsync(lead, takeTurn: false, ct);

    private async Task<RoutingDecision?> DecideAsync(RoutingFacts lead, bool takeTurn, CancellationToken ct)
    {
        var round = await RoutingRound.StartAsync(db, ct);
        var decision = await round.DecideAsync(lead, takeTurn, ct);
        await round.EndAsync(ct);
        return decision;
    }

    public static bool Matches(AssignmentRule rule, RoutingFacts lead) =>
        Same(rule.Interest, lead.Interest) && Same(rule.Region, lead.Region) && Same(rule.Country, lead.Country)
        && Same(rule.Source, lead.Source)
        && (rule.MinScore is not { } min || lead.Score >= min)
        && (rule.MaxScore is not { } max || lead.Score <= max);

    /// <summary>Sets the owner and writes the audit row; the caller saves.</summary>
    public OwnerAssignment Assign(Contact contact, int? toRepId, AssignmentCause cause, int? ruleId, int? byRepId, string? reason)
    {
        var audit = AssignmentOf(contact, toRepId, cause, ruleId, byRepId, reason);
        db.OwnerAssignments.Add(audit);
        return audit;
    }

    /// <summary>Sets the owner and makes the audit row, for the caller to write (new leads written together).</summary>
    public OwnerAssignment AssignmentOf(Contact contact, int? toRepId, AssignmentCause cause, int? ruleId, int? byRepId, string? reason)
    {
        var audit = new OwnerAssignment
        {
            Contact = contact,
            FromRepId = contact.OwnerId,
            ToRepId = toRepId,
            Cause = cause,
            RuleId = ruleId,
            ByRepId = byRepId,
            Reason = reason,
            At = clock.GetUtcNow().UtcDateTime,
        };
        contact.OwnerId = toRepId;
        return audit;
    }

    private static bool Same(string? condition, string? value) =>
        condition is null || string.Equals(condition.Trim(), value?.Trim(), StringComparison.OrdinalIgnoreCase);
}
