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
/// active member of a group in turn). Run inside a transaction: a group's turn is taken by an UPDATE
/// whose row lock lasts until the lead is saved.
/// </summary>
public sealed class LeadRouting(LeadMailDb db, TimeProvider clock)
{
    /// <summary>Routes the lead, taking the group's turn when a round-robin rule matches.</summary>
    public Task<RoutingDecision?> RouteAsync(Contact contact, CancellationToken ct) => DecideAsync(RoutingFacts.Of(contact), takeTurn: true, ct);

    /// <summary>The decision <see cref="RouteAsync"/> would make now, reading only: no group's turn is taken.</summary>
    public Task<RoutingDecision?> PreviewAsync(RoutingFacts lead, CancellationToken ct) => DecideAsync(lead, takeTurn: false, ct);

    private async Task<RoutingDecision?> DecideAsync(RoutingFacts lead, bool takeTurn, CancellationToken ct)
    {
        // Rules are a manager's short list; matching them in memory keeps the text comparison case-insensitive on every provider.
        var rules = await db.AssignmentRules.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(ct);
        foreach (var rule in rules.Where(r => Matches(r, lead)))
        {
            if (rule.RepId is { } repId)
            {
                if (await db.Reps.AnyAsync(r => r.Id == repId && r.Active, ct)) return new RoutingDecision(rule.Id, repId);
            }
            else if (rule.RepGroupId is { } groupId && await NextMemberAsync(groupId, takeTurn, ct) is { } member)
            {
                return new RoutingDecision(rule.Id, member);
            }
        }
        return null;
    }

    public static bool Matches(AssignmentRule rule, RoutingFacts lead) =>
        Same(rule.Interest, lead.Interest) && Same(rule.Region, lead.Region) && Same(rule.Country, lead.Country)
        && Same(rule.Source, lead.Source)
        && (rule.MinScore is not { } min || lead.Score >= min)
        && (rule.MaxScore is not { } max || lead.Score <= max);

    /// <summary>Sets the owner and writes the audit row; the caller saves.</summary>
    public OwnerAssignment Assign(Contact contact, int? toRepId, AssignmentCause cause, int? ruleId, int? byRepId, string? reason)
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
        db.OwnerAssignments.Add(audit);
        contact.OwnerId = toRepId;
        return audit;
    }

    /// <summary>
    /// Takes the group's next turn with one atomic increment in the database, then reads it back in
    /// the same transaction: two concurrent creations can never see the same number. Without
    /// <paramref name="takeTurn"/> it reads the turn the next lead would take and changes nothing.
    /// </summary>
    private async Task<int?> NextMemberAsync(int groupId, bool takeTurn, CancellationToken ct)
    {
        var members = await db.RepGroupMembers.AsNoTracking()
            .Where(m => m.RepGroupId == groupId && db.Reps.Any(r => r.Id == m.RepId && r.Active))
            .OrderBy(m => m.Position).ThenBy(m => m.RepId)
            .Select(m => m.RepId)
            .ToListAsync(ct);
        if (members.Count == 0) return null;
        if (takeTurn) await db.RepGroups.Where(g => g.Id == groupId).ExecuteUpdateAsync(set => set.SetProperty(g => g.Turns, g => g.Turns + 1), ct);
        var turn = await db.RepGroups.Where(g => g.Id == groupId).Select(g => g.Turns).FirstAsync(ct) + (takeTurn ? 0 : 1);
        return members[(int)((turn - 1) % members.Count)];
    }

    private static bool Same(string? condition, string? value) =>
        condition is null || string.Equals(condition.Trim(), value?.Trim(), StringComparison.OrdinalIgnoreCase);
}
