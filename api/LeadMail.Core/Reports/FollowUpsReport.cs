using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

/// <summary>
/// One rep's follow-up compliance (the rep is the contact's owner: whose call list shows it; null is
/// the unassigned queue). Of the follow-ups due in the period (due instant in it): <see cref="Due"/>
/// those not closed unkept (replaced, withdrawn, made moot by a connect or a closed lead — counted in
/// <see cref="Closed"/>), split into done on time (completed at or before the due instant), done late,
/// missed (still open, now past due) and pending (still open, not yet due). <see cref="OverdueNow"/>
/// counts every open follow-up past due now, whatever the period; <see cref="Ripe"/> the rep's leads
/// untouched for the ripe days.
/// </summary>
public sealed record FollowUpRow(int? RepId, string? RepName, int Due, int DoneOnTime, int DoneLate, int Missed, int Pending, int Closed, int OverdueNow, int Ripe);

public sealed record FollowUpsReportData(int RipeDays, IReadOnlyList<FollowUpRow> Reps, FollowUpRow Total);

public sealed class FollowUpsReport(LeadMailDb db, TimeProvider clock)
{
    public async Task<FollowUpsReportData> RunAsync(ReportPeriod period, ReportScope scope, int ripeDays, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = (period.StartUtc, period.EndUtc);
        var contacts = scope.Apply(db.Contacts.AsNoTracking());

        // Follow-ups due in the period over FollowUps(DueAt, …), each joined to its contact for the owner and filters.
        var due = await (
            from f in db.FollowUps.AsNoTracking().Where(f => f.DueAt >= start && f.DueAt < end)
            join c in contacts on f.ContactId equals c.Id
            group f by c.OwnerId into g
            select new
            {
                RepId = g.Key,
                Closed = g.Count(f => f.ClosedAt != null),
                OnTime = g.Count(f => f.ClosedAt == null && f.CompletedAt != null && f.CompletedAt <= f.DueAt),
                Late = g.Count(f => f.ClosedAt == null && f.CompletedAt != null && f.CompletedAt > f.DueAt),
                Missed = g.Count(f => f.ClosedAt == null && f.CompletedAt == null && f.DueAt < now),
                Pending = g.Count(f => f.ClosedAt == null && f.CompletedAt == null && f.DueAt >= now),
            }).ToListAsync(ct);

        // The open follow-up is mirrored on the contact (as the call list reads it): overdue now is a range on Contacts(NextFollowUpDue).
        var overdue = await contacts.Where(c => c.NextFollowUpDue != null && c.NextFollowUpDue < now)
            .GroupBy(c => c.OwnerId).Select(g => new { RepId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var ripe = await contacts.UntouchedSince(now.AddDays(-ripeDays))
            .GroupBy(c => c.OwnerId).Select(g => new { RepId = g.Key, Count = g.Count() }).ToListAsync(ct);

        // Every rep in scope appears, zeros included: the active reps (all of them team-wide) and anyone with figures.
        var seen = due.Select(d => d.RepId).Concat(overdue.Select(o => o.RepId)).Concat(ripe.Select(r => r.RepId)).ToHashSet();
        var reps = scope.Owner switch
        {
            ReportOwner.Rep one => await db.Reps.AsNoTracking().Where(r => r.Id == one.RepId).Select(r => new { r.Id, r.DisplayName }).ToListAsync(ct),
            ReportOwner.Unassigned => [],
            _ => await db.Reps.AsNoTracking().Where(r => (r.Active && r.Role == RepRole.Rep) || seen.Contains(r.Id))
                .Select(r => new { r.Id, r.DisplayName }).ToListAsync(ct),
        };
        var keys = reps.OrderBy(r => r.DisplayName, StringComparer.Ordinal).ThenBy(r => r.Id).Select(r => ((int?)r.Id, (string?)r.DisplayName)).ToList();
        if (scope.Owner is ReportOwner.Rep only && keys.Count == 0) keys.Add((only.RepId, null));
        if (scope.Owner is ReportOwner.Unassigned || (scope.Owner is ReportOwner.Team && seen.Contains(null))) keys.Add((null, null));

        var rows = keys.Select(k =>
        {
            var d = due.FirstOrDefault(x => x.RepId == k.Item1);
            var onTime = d?.OnTime ?? 0;
            var late = d?.Late ?? 0;
            var missed = d?.Missed ?? 0;
            var pending = d?.Pending ?? 0;
            return new FollowUpRow(k.Item1, k.Item2, onTime + late + missed + pending, onTime, late, missed, pending, d?.Closed ?? 0,
                overdue.FirstOrDefault(x => x.RepId == k.Item1)?.Count ?? 0, ripe.FirstOrDefault(x => x.RepId == k.Item1)?.Count ?? 0);
        }).ToList();
        var total = new FollowUpRow(null, null, rows.Sum(r => r.Due), rows.Sum(r => r.DoneOnTime), rows.Sum(r => r.DoneLate), rows.Sum(r => r.Missed),
            rows.Sum(r => r.Pending), rows.Sum(r => r.Closed), rows.Sum(r => r.OverdueNow), rows.Sum(r => r.Ripe));
        return new FollowUpsReportData(ripeDays, rows, total);
    }
}
