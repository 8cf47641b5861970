using System.Globalization;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

/// <summary>What the conversion report groups leads by.</summary>
public enum ConversionGrouping
{
    Source,
    Interest,
    Owner,

    /// <summary>The bucket (month by default) the lead was created in, in the caller's time zone.</summary>
    Cohort,
}

/// <summary>
/// One group of the leads created in the period. <see cref="Key"/> is the source, the interest, the
/// owner's rep id or the cohort's first local day (yyyy-MM-dd); null for no source / interest / owner.
/// <see cref="Name"/> is the rep's name (owner) or the cohort's last local day, included.
/// </summary>
public sealed record ConversionRow(string? Key, string? Name, int Leads, int Won, double? ConversionRate, double? MeanDaysToWon, double? MedianDaysToWon);

public sealed record Conversion(ConversionGrouping By, IReadOnlyList<ConversionRow> Rows, ConversionRow Total);

/// <summary>
/// Leads created in the period and how many of them were won: a lead is won when a stage change to
/// won exists for it (up to now); it was won at the first such change. Days to won run from the
/// lead's creation to that change.
/// </summary>
public sealed class ConversionReport(LeadMailDb db)
{
    public async Task<Conversion> RunAsync(ReportPeriod period, ReportScope scope, ConversionGrouping by, CancellationToken ct)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var contacts = scope.Apply(db.Contacts.AsNoTracking());

        // Leads per group: counted by the database over the (CreatedAt, …) indexes.
        List<(string? Key, int Count)> leads = by switch
        {
            ConversionGrouping.Source => (await contacts.Where(c => c.CreatedAt >= start && c.CreatedAt < end)
                .GroupBy(c => c.Source).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(g => (g.Key, g.Count)).ToList(),
            ConversionGrouping.Interest => (await contacts.Where(c => c.CreatedAt >= start && c.CreatedAt < end)
                .GroupBy(c => c.Interest).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(g => (g.Key, g.Count)).ToList(),
            ConversionGrouping.Owner => (await contacts.Where(c => c.CreatedAt >= start && c.CreatedAt < end)
                .GroupBy(c => c.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(g => (RepKey(g.Key), g.Count)).ToList(),
            _ => (await BucketCounts.CountAsync(contacts, c => c.CreatedAt, c => c.Source, period, ct))
                .GroupBy(c => c.Bucket.Start).Select(g => ((string?)DayKey(g.Key), g.Sum(c => c.Count))).ToList(),
        };

        // Won leads of the cohort: the first change to won per contact (StageChanges(To, At)), joined by key.
        // One row per won lead leaves the database, because the median needs the durations themselves.
        var firstWon = db.StageChanges.Where(s => s.To == Stage.Won).GroupBy(s => s.ContactId).Select(g => new { ContactId = g.Key, At = g.Min(s => s.At) });
        var won = await (
            from c in contacts.Where(c => c.CreatedAt >= start && c.CreatedAt < end)
            join w in firstWon on c.Id equals w.ContactId
            select new { c.Source, c.Interest, c.OwnerId, c.CreatedAt, WonAt = w.At }).ToListAsync(ct);
        var wonByKey = won.ToLookup(w => by switch
        {
            ConversionGrouping.Source => w.Source,
            ConversionGrouping.Interest => w.Interest,
            ConversionGrouping.Owner => RepKey(w.OwnerId),
            _ => DayKey(period.BucketStartOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(w.CreatedAt, period.Zone)))),
        }, w => (w.WonAt - w.CreatedAt).TotalDays);

        IEnumerable<string?> keys = by == ConversionGrouping.Cohort
            ? period.Buckets().Select(b => (string?)DayKey(b.Start))
            : leads.Select(l => l.Key).Concat(wonByKey.Select(g => g.Key)).Distinct().OrderBy(k => k is null).ThenBy(k => k, KeyOrder(by));
        var leadsByKey = leads.GroupBy(l => l.Key ?? "\0").ToDictionary(g => g.Key, g => g.Sum(l => l.Count));
        var names = by switch
        {
            ConversionGrouping.Owner => await RepNamesAsync(leads.Select(l => l.Key), ct),
            ConversionGrouping.Cohort => period.Buckets().ToDictionary(b => DayKey(b.Start), b => DayKey(b.End.AddDays(-1))),
            _ => new Dictionary<string, string>(),
        };

        var rows = keys.Select(k => Row(k, k is null ? null : names.GetValueOrDefault(k), leadsByKey.GetValueOrDefault(k ?? "\0"), wonByKey[k].ToList())).ToList();
        var total = Row(null, null, rows.Sum(r => r.Leads), won.Select(w => (w.WonAt - w.CreatedAt).TotalDays).ToList());
        return new Conversion(by, rows, total);
    }

    private static ConversionRow Row(string? key, string? name, int leads, List<double> daysToWon)
    {
        daysToWon.Sort();
        double? median = daysToWon.Count == 0 ? null
            : daysToWon.Count % 2 == 1 ? daysToWon[daysToWon.Count / 2]
            : (daysToWon[daysToWon.Count / 2 - 1] + daysToWon[daysToWon.Count / 2]) / 2;
        return new ConversionRow(key, name, leads, daysToWon.Count,
            leads == 0 ? null : Math.Round((double)daysToWon.Count / leads, 4),
            daysToWon.Count == 0 ? null : Math.Round(daysToWon.Average(), 2),
            median is { } m ? Math.Round(m, 2) : null);
    }

    private async Task<Dictionary<string, string>> RepNamesAsync(IEnumerable<string?> keys, CancellationToken ct)
    {
        var ids = keys.Where(k => k is not null).Select(k => int.Parse(k!, CultureInfo.InvariantCulture)).ToList();
        return await db.Reps.AsNoTracking().Where(r => ids.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id.ToString(CultureInfo.InvariantCulture), r => r.DisplayName, ct);
    }

    private static IComparer<string?> KeyOrder(ConversionGrouping by) => by == ConversionGrouping.Owner
        ? Comparer<string?>.Create((a, b) => a is null || b is null ? Comparer<string?>.Default.Compare(a, b) : int.Parse(a!, CultureInfo.InvariantCulture).CompareTo(int.Parse(b!, CultureInfo.InvariantCulture)))
        : StringComparer.Ordinal;

    private static string? RepKey(int? repId) => repId?.ToString(CultureInfo.InvariantCulture);

    private static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
