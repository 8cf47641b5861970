using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Assignment;

/// <summary>The rule that matched a lead and the rep it picked.</summary>
public sealed record RoutingDecision(int RuleId, int RepId);

/// <summary>
/// Distribution: the first active rule whose conditions all match picks a rep (directly, or the next
/// active member of a group in turn). Run inside a transaction: a group's turn is taken by an UPDATE
/// whose row lock lasts until the lead is saved.
/// </summary>
public sealed class LeadRouting(LeadMailDb db, TimeProvider clock)
{
    public async Task<RoutingDecision?> RouteAsync(Contact contact, CancellationToken ct)
    {
        // Rules are a manager's short list; matching them in memory keeps the text comparison case-insensitive on every provider.
        var rules = await db.AssignmentRules.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(ct);
        foreach (var rule in rules.Where(r => Matches(r, contact)))
        {
            if (rule.RepId is { } repId)
            {
                if (await db.Reps.AnyAsync(r => r.Id == repId && r.Active, ct)) return new RoutingDecision(rule.Id, repId);
            }
            else if (rule.RepGroupId is { } groupId && await TakeTurnAsync(groupId, ct) is { } member)
            {
                return new RoutingDecision(rule.Id, member);
            }
        }
        return null;
    }

    public static bool Matches(AssignmentRule rule, Contact contact) =>
        Same(rule.Interest, contact.Interest) && Same(rule.Region, contact.Region) && Same(rule.Country, contact.Country)
        && Same(rule.Source, contact.Source)
        && (rule.MinScore is not { } min || contact.Score >= min)
        && (rule.MaxScore is not { } max || contact.Score <= max);

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
    /// the same transaction: two concurrent creations can never see the same number.
    /// </summary>
    private async Task<int?> TakeTurnAsync(int groupId, CancellationToken ct)
    {
        var members = await db.RepGroupMembers.AsNoTracking()
            .Where(m => m.RepGroupId == groupId && db.Reps.Any(r => r.Id == m.RepId && r.Active))
            .OrderBy(m => m.Position).ThenBy(m => m.RepId)
            .Select(m => m.RepId)
            .ToListAsync(ct);
        if (members.Count == 0) return null;
        await db.RepGroups.Where(g => g.Id == groupId).ExecuteUpdateAsync(set => set.SetProperty(g => g.Turns, g => g.Turns + 1), ct);
        var turn = await db.RepGroups.Where(g => g.Id == groupId).Select(g => g.Turns).FirstAsync(ct);
        return members[(int)((turn - 1) % members.Count)];
    }

    private static bool Same(string? condition, string? value) =>
        condition is null || string.Equals(condition.Trim(), value?.Trim(), StringComparison.OrdinalIgnoreCase);
}
