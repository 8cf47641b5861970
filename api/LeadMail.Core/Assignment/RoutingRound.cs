using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Assignment;

/// <summary>
/// The routing rules read once for the leads routed in one transaction (one new lead, or an import's batch): the
/// first active rule whose conditions all match picks its rep when that rep is active, or the next active member
/// of its group in turn. A group's first turn in the round is taken by an atomic UPDATE whose row lock lasts until
/// the transaction ends, so the round's later turns of that group are counted here and written by <see cref="EndAsync"/>.
/// </summary>
public sealed class RoutingRound
{
    private readonly LeadMailDb db;
    private readonly List<AssignmentRule> rules;
    private readonly Dictionary<int, bool> repActive = [];
    private readonly Dictionary<int, List<int>> members = [];
    private readonly Dictionary<int, long> turns = [];
    private readonly Dictionary<int, long> unwritten = [];

    private RoutingRound(LeadMailDb db, List<AssignmentRule> rules) => (this.db, this.rules) = (db, rules);

    public static async Task<RoutingRound> StartAsync(LeadMailDb db, CancellationToken ct)
    {
        // Rules are a manager's short list; matching them in memory keeps the text comparison case-insensitive on every provider.
        var rules = await db.AssignmentRules.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(ct);
        return new RoutingRound(db, rules);
    }

    /// <summary>The rule and rep for the lead; with <paramref name="takeTurn"/> a matching group's turn is taken, otherwise only read.</summary>
    public async Task<RoutingDecision?> DecideAsync(RoutingFacts lead, bool takeTurn, CancellationToken ct)
    {
        foreach (var rule in rules)
        {
            if (!LeadRouting.Matches(rule, lead)) continue;
            if (rule.RepId is { } repId)
            {
                if (await IsActiveAsync(repId, ct)) return new RoutingDecision(rule.Id, repId);
            }
            else if (rule.RepGroupId is { } groupId && await NextMemberAsync(groupId, takeTurn, ct) is { } member)
            {
                return new RoutingDecision(rule.Id, member);
            }
        }
        return null;
    }

    /// <summary>Writes the turns taken after each group's first: one UPDATE per group the round dealt to again.</summary>
    public async Task EndAsync(CancellationToken ct)
    {
        foreach (var (groupId, count) in unwritten.Where(u => u.Value > 0).ToList())
        {
            await db.RepGroups.Where(g => g.Id == groupId).ExecuteUpdateAsync(set => set.SetProperty(g => g.Turns, g => g.Turns + count), ct);
            unwritten[groupId] = 0;
        }
    }

    private async Task<bool> IsActiveAsync(int repId, CancellationToken ct)
    {
        if (!repActive.TryGetValue(repId, out var active))
            repActive[repId] = active = await db.Reps.AnyAsync(r => r.Id == repId && r.Active, ct);
        return active;
    }

    private async Task<int?> NextMemberAsync(int groupId, bool takeTurn, CancellationToken ct)
    {
        if (!members.TryGetValue(groupId, out var rotation))
        {
            members[groupId] = rotation = await db.RepGroupMembers.AsNoTracking()
                .Where(m => m.RepGroupId == groupId && db.Reps.Any(r => r.Id == m.RepId && r.Active))
                .OrderBy(m => m.Position).ThenBy(m => m.RepId)
                .Select(m => m.RepId)
                .ToListAsync(ct);
        }
        if (rotation.Count == 0) return null;
        long turn;
        if (!takeTurn)
        {
            // What the next lead would take, changing nothing.
            turn = (turns.TryGetValue(groupId, out var taken) ? taken : await ReadTurnsAsync(groupId, ct)) + 1;
        }
        else if (turns.TryGetValue(groupId, out var current) && unwritten.ContainsKey(groupId))
        {
            turn = turns[groupId] = current + 1;
            unwritten[groupId]++;
        }
        else
        {
            // Two concurrent creations can never see the same number: the increment is atomic and locks the row until commit.
            await db.RepGroups.Where(g => g.Id == groupId).ExecuteUpdateAsync(set => set.SetProperty(g => g.Turns, g => g.Turns + 1), ct);
            turn = turns[groupId] = await ReadTurnsAsync(groupId, ct);
            unwritten[groupId] = 0;
        }
        return rotation[(int)((turn - 1) % rotation.Count)];
    }

    private Task<long> ReadTurnsAsync(int groupId, CancellationToken ct) => db.RepGroups.Where(g => g.Id == groupId).Select(g => g.Turns).FirstAsync(ct);
}
