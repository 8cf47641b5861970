using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Scoring;

/// <summary>
/// The scoring rules of a process that records touches but does not own the rules (the sync worker): the
/// ones the API last brought the stored scores in line with (<see cref="AppliedScoringRules"/>), read
/// again at every <see cref="RefreshAsync"/>; this process's own <c>Scoring:*</c> only until the API has
/// recorded any. Otherwise a worker configured apart from the API would add points at other weights than
/// every stored base holds, and derive priorities at other thresholds, until the next rebuild.
/// Registered as the process's <see cref="IOptions{ScoringOptions}"/>, so <see cref="LeadScore"/> follows it.
/// </summary>
public sealed class FollowedScoringRules(IOptionsMonitor<ScoringOptions> configured, ILogger<FollowedScoringRules> log) : IOptions<ScoringOptions>
{
    private ScoringOptions current = configured.CurrentValue;
    private (string Score, string Priority)? followed;

    /// <summary>The rules to score with now; a whole set is swapped at once, never one weight at a time.</summary>
    public ScoringOptions Value => Volatile.Read(ref current);

    /// <summary>Reads the applied rules; a change is taken up, an unreadable record is reported and the rules in force kept.</summary>
    public async Task RefreshAsync(LeadMailDb db, CancellationToken ct)
    {
        var applied = await db.AppliedScoringRules.AsNoTracking()
            .Where(r => r.Id == AppliedScoringRules.TheRow)
            .Select(r => new { r.ScoreRules, r.PriorityRules })
            .SingleOrDefaultAsync(ct);
        if (applied is null || followed == (applied.ScoreRules, applied.PriorityRules)) return;

        followed = (applied.ScoreRules, applied.PriorityRules);
        if (!ScoringRules.TryRead(applied.ScoreRules, applied.PriorityRules, configured.CurrentValue, out var rules))
        {
            log.LogWarning("The scoring rules the API applied cannot be read ({ScoreRules} | {PriorityRules}); scoring with {Rules} meanwhile",
                applied.ScoreRules, applied.PriorityRules, Describe(Value));
            return;
        }

        Volatile.Write(ref current, rules);
        var own = configured.CurrentValue;
        if ((ScoringRules.ForScoreBase(own), ScoringRules.ForPriority(own)) != followed.Value)
            log.LogWarning("This process's Scoring:* differ from the rules the API applied to the stored scores; following the API's: {Rules}", Describe(rules));
        else
            log.LogInformation("Scoring with the rules the API applied: {Rules}", Describe(rules));
    }

    private static string Describe(ScoringOptions rules) => $"{ScoringRules.ForScoreBase(rules)}; {ScoringRules.ForPriority(rules)}";
}
