using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Scoring;

/// <summary>
/// The set-based recalculation: every stored score (and every priority not set by hand) brought to
/// now by UPDATE statements over id ranges. It needs no per-contact arithmetic because decay is one
/// factor for everyone.
/// </summary>
public sealed class ScoreDecay(LeadMailDb db, TimeProvider clock, LeadScore score, IOptions<ScoringOptions> options)
{
    /// <summary>Contacts per statement: short statements keep SQLite's single writer lock free for the sync worker and the API.</summary>
    public const int ChunkSize = 20_000;

    /// <returns>The number of contacts updated.</returns>
    public async Task<int> RecalculateAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var factor = score.FactorAt(now);
        // Thresholds in base units, so the comparison needs no arithmetic on the column.
        var high = options.Value.HighThreshold / factor;
        var medium = options.Value.MediumThreshold / factor;
        // A lead that never earned a point keeps score 0 and the priority 0 gives: nothing to write.
        var idle = score.PriorityFor(0);

        var maxId = await db.Contacts.MaxAsync(c => (int?)c.Id, ct) ?? 0;
        var updated = 0;
        for (var from = 0; from < maxId; from += ChunkSize)
        {
            var to = from + ChunkSize;
            updated += await db.Contacts
                .Where(c => c.Id > from && c.Id <= to)
                .Where(c => c.ScoreBase != 0 || c.Score != 0 || !c.PrioritySetByHand && c.Priority != idle)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.Score, c => c.ScoreBase * factor)
                    .SetProperty(c => c.Priority, c => c.PrioritySetByHand ? c.Priority
                        : c.ScoreBase >= high ? Priority.High
                        : c.ScoreBase >= medium ? Priority.Medium
                        : Priority.Low), ct);
        }
        return updated;
    }
}

/// <summary>Applies <see cref="ScoreDecay"/> on a timer so stored scores and priorities stay current.</summary>
public sealed class ScoreDecayTimer(IServiceProvider services, TimeProvider clock, IOptions<ScoringOptions> options, ILogger<ScoreDecayTimer> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.RecalculateEvery;
        if (every <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var updated = await scope.ServiceProvider.GetRequiredService<ScoreDecay>().RecalculateAsync(stoppingToken);
                log.LogInformation("Score decay applied to {Contacts} contacts", updated);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed round (the database busy, say) is retried at the next tick.
                log.LogWarning(e, "Score decay failed; retrying at the next tick");
            }
        }
    }
}
