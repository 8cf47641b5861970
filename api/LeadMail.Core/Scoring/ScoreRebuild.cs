using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Scoring;

/// <summary>
/// Recomputes every contact's stored score base from its touches, with the scoring rules as configured
/// now. The ingest keeps the base by adding what new touches earn (see NearbyTouches), so a change of
/// the <c>Scoring:*</c> weights reaches points earned before it only through this, which
/// <see cref="ScoringRulesCheck"/> runs when the API starts with changed weights, and a manager on demand.
/// </summary>
public sealed class ScoreRebuild(LeadMailDb db, TimeProvider clock, LeadScore score)
{
    /// <summary>
    /// Contacts per transaction: each batch reads its contacts' touches and writes their bases under one
    /// write lock (SQLite) or one transaction, so a touch recorded meanwhile waits for the batch and is
    /// then added to the rebuilt base rather than lost under it.
    /// </summary>
    public const int BatchSize = 500;

    /// <returns>The number of contacts whose base changed.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var maxId = await db.Contacts.MaxAsync(c => (int?)c.Id, ct) ?? 0;
        var changed = 0;
        for (var from = 0; from < maxId; from += BatchSize)
        {
            var to = from + BatchSize;
            changed += await db.InTransactionAsync(token => RebuildAsync(from, to, token), ct);
        }
        return changed;
    }

    private async Task<int> RebuildAsync(int from, int to, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = score.HorizonAt(now);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.Id > from && c.Id <= to)
            .Select(c => new { c.Id, c.ScoreBase, c.PrioritySetByHand, c.Priority }).ToListAsync(ct);
        // A range of the (ContactId, OccurredAt, …) index, read from the index alone.
        var touches = (await db.Interactions.AsNoTracking().Where(i => i.ContactId > from && i.ContactId <= to && i.OccurredAt > horizon)
                .Select(i => new { i.ContactId, Touch = new ScoredTouch(i.Id, i.Channel, i.Direction, i.Outcome, i.OccurredAt) })
                .ToListAsync(ct))
            .ToLookup(t => t.ContactId, t => t.Touch);
        var changed = 0;
        foreach (var contact in contacts)
        {
            var scoreBase = score.BaseOf(touches[contact.Id].ToList(), now);
            // The ingest's corrected sums differ from a fresh sum in the last bits: those are not a change.
            if (Math.Abs(scoreBase - contact.ScoreBase) <= 1e-9 * Math.Max(1, Math.Abs(scoreBase))) continue;
            var (current, priority) = score.CurrentOf(scoreBase, contact.PrioritySetByHand, contact.Priority, now);
            // Like the ingest's derived fields: no Version bump, nobody edited the contact.
            changed += await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.ScoreBase, scoreBase)
                .SetProperty(c => c.Score, current)
                .SetProperty(c => c.Priority, priority), ct);
        }
        return changed;
    }
}
