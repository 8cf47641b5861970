using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Scoring;

/// <summary>
/// The scoring rules the stored scores were last brought in line with: one row. The ingest keeps each
/// contact's score base by adding what new touches earn, so a change of the <c>Scoring:*</c> weights would
/// otherwise reach points earned before it only when a manager remembered to rebuild.
/// </summary>
public sealed class AppliedScoringRules
{
    public const int TheRow = 1;
    public const int RulesMaxLength = 500;

    public int Id { get; set; } = TheRow;

    /// <summary><see cref="ScoringRules.ForScoreBase"/> of the options the stored bases were computed with.</summary>
    public string ScoreRules { get; set; } = "";

    /// <summary><see cref="ScoringRules.ForPriority"/> of the options the derived priorities were computed with.</summary>
    public string PriorityRules { get; set; } = "";

    public DateTime AppliedAt { get; set; }
}

/// <summary>The <c>Scoring:*</c> settings as text a person can read back, split by what a change invalidates.</summary>
public static class ScoringRules
{
    private sealed record Setting(string Name, Func<ScoringOptions, double> Get, Action<ScoringOptions, double> Set);

    // Each setting named once, for writing the record and for reading it back.
    private static readonly Setting[] ScoreBaseSettings =
    [
        new("inboundEmail", o => o.InboundEmail, (o, v) => o.InboundEmail = v),
        new("meetingHeld", o => o.MeetingHeld, (o, v) => o.MeetingHeld = v),
        new("connectedCall", o => o.ConnectedCall, (o, v) => o.ConnectedCall = v),
        new("visitHeld", o => o.VisitHeld, (o, v) => o.VisitHeld = v),
        new("outboundTouch", o => o.OutboundTouch, (o, v) => o.OutboundTouch = v),
        new("quickReply", o => o.QuickReply, (o, v) => o.QuickReply = v),
        new("quickReplyHours", o => o.QuickReplyHours, (o, v) => o.QuickReplyHours = v),
        new("halfLifeDays", o => o.HalfLifeDays, (o, v) => o.HalfLifeDays = v),
    ];

    private static readonly Setting[] PrioritySettings =
    [
        new("highThreshold", o => o.HighThreshold, (o, v) => o.HighThreshold = v),
        new("mediumThreshold", o => o.MediumThreshold, (o, v) => o.MediumThreshold = v),
    ];

    /// <summary>Every setting a stored score base depends on: a change needs every base recomputed (<see cref="ScoreRebuild"/>).</summary>
    public static string ForScoreBase(ScoringOptions o) => Describe(ScoreBaseSettings, o);

    /// <summary>The thresholds: a change needs only the set-based recalculation (<see cref="ScoreDecay"/>).</summary>
    public static string ForPriority(ScoringOptions o) => Describe(PrioritySettings, o);

    /// <summary>
    /// The options a recorded <see cref="AppliedScoringRules"/> row describes, the settings it does not hold
    /// (the recalculation timer) taken from <paramref name="rest"/>; false when the text names an unknown
    /// setting, lacks one, or holds a value that is not a finite number or that <c>Scoring:*</c> would
    /// refuse (written by another version, or by hand).
    /// </summary>
    public static bool TryRead(string scoreRules, string priorityRules, ScoringOptions rest, [NotNullWhen(true)] out ScoringOptions? rules)
    {
        rules = null;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var setting in $"{scoreRules}; {priorityRules}".Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = setting.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !double.IsFinite(value) || !values.TryAdd(parts[0], value))
                return false;
        }

        var known = ScoreBaseSettings.Concat(PrioritySettings).ToList();
        if (values.Count != known.Count) return false;
        var read = new ScoringOptions { RecalculateEvery = rest.RecalculateEvery };
        foreach (var setting in known)
        {
            if (!values.TryGetValue(setting.Name, out var value)) return false;
            setting.Set(read, value);
        }
        // The checks configuration gets: a half-life of 0 would make every weight infinite.
        if (!Validator.TryValidateObject(read, new ValidationContext(read), [], validateAllProperties: true)) return false;
        rules = read;
        return true;
    }

    // "R" round-trips every double, so a value read back compares equal to the one written.
    private static string Describe(Setting[] settings, ScoringOptions o) =>
        string.Join("; ", settings.Select(s => $"{s.Name}={s.Get(o).ToString("R", CultureInfo.InvariantCulture)}"));
}

/// <summary>
/// Brings the stored scores in line with the configured rules: what the rules changed since they were
/// last applied is redone (every base rebuilt, or only the priorities recalculated), then the rules are
/// recorded. A database from before the record existed is rebuilt once, since nobody knows its weights.
/// </summary>
public sealed class ScoringRulesCheck(LeadMailDb db, ScoreRebuild rebuild, ScoreDecay decay, TimeProvider clock, IOptions<ScoringOptions> options)
{
    /// <returns>What was redone, for the log: nothing, the priorities, or the bases and the priorities.</returns>
    public async Task<ScoringRulesChange> ApplyAsync(CancellationToken ct)
    {
        var rules = Configured();
        var applied = await db.AppliedScoringRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == AppliedScoringRules.TheRow, ct);
        if (applied is not null && (applied.ScoreRules, applied.PriorityRules) == rules) return ScoringRulesChange.None;
        if (applied is null && !await db.Contacts.AnyAsync(ct))
        {
            // A new database: every score to come is computed under these rules.
            await RecordAsync(rules, ct);
            return ScoringRulesChange.None;
        }

        var change = applied?.ScoreRules == rules.Score ? ScoringRulesChange.Priorities : ScoringRulesChange.Scores;
        await BringInLineAsync(rebuildBases: change == ScoringRulesChange.Scores, rules, ct);
        return change;
    }

    /// <summary>What a manager's <c>POST /api/scores/rebuild</c> runs: every base rebuilt whatever the record says.</summary>
    /// <returns>The number of contacts whose base changed.</returns>
    public Task<int> RebuildAsync(CancellationToken ct) => BringInLineAsync(rebuildBases: true, Configured(), ct);

    /// <summary>
    /// Every base recomputed from the touches under the configured rules (when asked), then every score and
    /// priority brought to now (a rebuild derives the priority only of the contacts whose base moved), then
    /// the rules recorded.
    /// </summary>
    private async Task<int> BringInLineAsync(bool rebuildBases, (string Score, string Priority) rules, CancellationToken ct)
    {
        var rescored = rebuildBases ? await rebuild.RunAsync(ct) : 0;
        await decay.RecalculateAsync(ct);
        await RecordAsync(rules, ct);
        return rescored;
    }

    private (string Score, string Priority) Configured() => (ScoringRules.ForScoreBase(options.Value), ScoringRules.ForPriority(options.Value));

    private async Task RecordAsync((string Score, string Priority) rules, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.AppliedScoringRules.Where(r => r.Id == AppliedScoringRules.TheRow).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.ScoreRules, rules.Score).SetProperty(r => r.PriorityRules, rules.Priority).SetProperty(r => r.AppliedAt, now), ct);
        if (updated > 0) return;
        db.AppliedScoringRules.Add(new AppliedScoringRules { ScoreRules = rules.Score, PriorityRules = rules.Priority, AppliedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another API instance recorded the same rules first.
            db.ChangeTracker.Clear();
        }
    }
}

public enum ScoringRulesChange
{
    None,
    Priorities,
    Scores,
}

/// <summary>
/// Runs <see cref="ScoringRulesCheck"/> once the API has started, in the background: a rebuild of a large
/// database takes seconds (16 s for 100,000 contacts) and the API serves meanwhile, scores catching up.
/// </summary>
public sealed class ScoringRulesWatch(IServiceProvider services, ILogger<ScoringRulesWatch> log) : BackgroundService
{
    /// <summary>Between attempts when the database refuses (busy, unreachable): the rules are applied at the next.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first read.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var change = await scope.ServiceProvider.GetRequiredService<ScoringRulesCheck>().ApplyAsync(stoppingToken);
                if (change != ScoringRulesChange.None) log.LogInformation("Scoring rules changed: {Change} brought in line with Scoring:*", change);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Applying the scoring rules failed; retrying in {RetryAfter}", RetryAfter);
                await Task.Delay(RetryAfter, stoppingToken);
            }
        }
    }
}
