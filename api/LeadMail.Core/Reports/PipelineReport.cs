using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using LeadMail.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

public sealed record StageCount(Stage Stage, int Contacts);

/// <summary>
/// One stage over the period, from the stage changes recorded in it: how many leads entered and left
/// it, how many of those leaving went one step forward (<see cref="ConversionRate"/> = advanced / left),
/// and how long the leaving ones had been in it (mean days since they last entered it; changes whose
/// entry is not recorded are left out of the mean, and counted in <see cref="TimedExits"/> only when measured).
/// </summary>
public sealed record StageFlow(Stage Stage, int Entered, int Left, int Advanced, int Lost, int Nurtured, double? ConversionRate, int TimedExits, double? MeanDaysInStage);

public sealed record StageTransitionCount(Stage? From, Stage To, int Changes);

public sealed record ReasonCount(string? Reason, int Changes);

/// <summary>
/// The pipeline now and over the period. The model tracks no deal value, so the report counts
/// leads only (<see cref="ValueTracked"/> is false) rather than invent a figure.
/// </summary>
public sealed record PipelineReportData(
    IReadOnlyList<StageCount> Now,
    bool ValueTracked,
    IReadOnlyList<StageFlow> Stages,
    IReadOnlyList<StageTransitionCount> Transitions,
    IReadOnlyList<ReasonCount> LostReasons,
    IReadOnlyList<ReasonCount> NurtureReasons);

/// <summary>Stage counts now; stage-to-stage conversion, time in stage and lost / nurture reasons over the period.</summary>
public sealed class PipelineReport(LeadMailDb db)
{
    public async Task<PipelineReportData> RunAsync(ReportPeriod period, ReportScope scope, CancellationToken ct)
    {
        var contacts = scope.Apply(db.Contacts.AsNoTracking());
        var now = await contacts.GroupBy(c => c.Stage).Select(g => new { Stage = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Stage, g => g.Count, ct);

        var (start, end) = (period.StartUtc, period.EndUtc);
        var changes = scope.Apply(db.StageChanges.AsNoTracking(), db.Contacts).Where(s => s.At >= start && s.At < end);

        // Team-wide, one grouped range per possible move (from, to), each a covering seek on
        // StageChanges(From, To, At, ContactId, FromEnteredAt) that needs no sort (one GROUP BY over the
        // period sorted every change of it); in a scope, the scope's contacts' changes grouped once (a
        // part per move would list the scope's contacts 72 times). Either way, for each exit the time
        // since the contact entered the stage it left, recorded on the change when it was made, and the
        // database averages those durations.
        var stages = Enum.GetValues<Stage>();
        List<MoveCount> transitions;
        if (scope == ReportScope.TeamWide)
        {
            var moves = (from origin in stages.Select(st => (Stage?)st).Prepend(null) from to in stages select (From: origin, To: to))
                .Select(m => Counted(m.From is { } origin ? changes.Where(s => s.From == EF.Constant(origin)) : changes.Where(s => s.From == null), m.To));
            transitions = await moves.Skip(1).Aggregate(moves.First(), (all, part) => all.Concat(part)).ToListAsync(ct);
        }
        else
        {
            transitions = await Counted(changes, to: null).ToListAsync(ct);
        }

        var reasons = await changes.Where(s => s.To == Stage.Lost || s.To == Stage.Nurture)
            .GroupBy(s => new { s.To, s.Reason })
            .Select(g => new { g.Key.To, g.Key.Reason, Count = g.Count() }).ToListAsync(ct);

        var flows = stages.Select(stage =>
        {
            var forward = StageTransitions.From(stage).Where(m => IsForward(m)).Select(m => m.To).ToHashSet();
            var leaving = transitions.Where(t => t.From == stage).ToList();
            var left = leaving.Sum(t => t.Count);
            var advanced = leaving.Where(t => forward.Contains(t.To)).Sum(t => t.Count);
            var timed = leaving.Sum(t => t.Timed);
            double? meanDays = timed == 0 ? null : Math.Round(leaving.Where(t => t.Timed > 0).Sum(t => t.Mean!.Value * t.Timed) / timed, 2);
            return new StageFlow(stage,
                transitions.Where(t => t.To == stage).Sum(t => t.Count), left, advanced,
                leaving.Where(t => t.To == Stage.Lost).Sum(t => t.Count), leaving.Where(t => t.To == Stage.Nurture).Sum(t => t.Count),
                left == 0 ? null : Math.Round((double)advanced / left, 4),
                timed, meanDays);
        }).ToList();

        return new PipelineReportData(
            stages.Select(s => new StageCount(s, now.GetValueOrDefault(s))).ToList(),
            ValueTracked: false,
            flows,
            transitions.OrderBy(t => t.From is null).ThenBy(t => t.From).ThenBy(t => t.To).Select(t => new StageTransitionCount(t.From, t.To, t.Count)).ToList(),
            Ranked(reasons.Where(r => r.To == Stage.Lost).Select(r => (r.Reason, r.Count))),
            Ranked(reasons.Where(r => r.To == Stage.Nurture).Select(r => (r.Reason, r.Count))));
    }

    /// <summary>The changes per (from, to): how many, how many timed, and their mean days in the stage left; <paramref name="to"/> narrows to one move's target.</summary>
    private static IQueryable<MoveCount> Counted(IQueryable<StageChange> changes, Stage? to) =>
        (to is { } target ? changes.Where(s => s.To == EF.Constant(target)) : changes)
            .Select(s => new { s.From, s.To, Days = ReportFunctions.DaysBetween(s.FromEnteredAt, s.At) })
            .GroupBy(x => new { x.From, x.To })
            .Select(g => new MoveCount { From = g.Key.From, To = g.Key.To, Count = g.Count(), Timed = g.Count(x => x.Days != null), Mean = g.Average(x => x.Days) });

    private sealed class MoveCount
    {
        public Stage? From { get; init; }
        public Stage To { get; init; }
        public int Count { get; init; }
        public int Timed { get; init; }
        public double? Mean { get; init; }
    }

    /// <summary>One step forward through the working stages to won: what "converted" means between stages.</summary>
    private static bool IsForward(StageMove move) => move.To == Stage.Won || (move.From, move.To) switch
    {
        (Stage.New, Stage.MarketingQualified) or (Stage.MarketingQualified, Stage.SalesQualified) or (Stage.SalesQualified, Stage.Proposal)
            or (Stage.Proposal, Stage.Agreement) or (Stage.Nurture, Stage.MarketingQualified) => true,
        _ => false,
    };

    private static List<ReasonCount> Ranked(IEnumerable<(string? Reason, int Count)> reasons) => reasons
        .OrderByDescending(r => r.Count).ThenBy(r => r.Reason is null).ThenBy(r => r.Reason, StringComparer.Ordinal)
        .Select(r => new ReasonCount(r.Reason, r.Count)).ToList();
}
