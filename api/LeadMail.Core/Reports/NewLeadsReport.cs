using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

public sealed record SourceCount(string? Source, int Count);

public sealed record NewLeadsBucket(DateOnly Start, DateOnly End, int Total, IReadOnlyList<SourceCount> BySource);

/// <summary>New leads per bucket split by source; every source seen in the period appears in every bucket, zeros included.</summary>
public sealed record NewLeads(IReadOnlyList<string?> Sources, IReadOnlyList<NewLeadsBucket> Buckets, int Total, IReadOnlyList<SourceCount> TotalsBySource);

/// <summary>The size and growth of the database: contacts created per local day, week or month, by source.</summary>
public sealed class NewLeadsReport(LeadMailDb db)
{
    public async Task<NewLeads> RunAsync(ReportPeriod period, ReportScope scope, CancellationToken ct)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var counts = await scope.Apply(db.Contacts.AsNoTracking())
            .Where(c => c.CreatedAt >= start && c.CreatedAt < end)
            .ByLocalDate(c => c.CreatedAt, c => c.Source, period.OffsetSegments())
            .GroupBy(r => new { r.Day, r.Key })
            .Select(g => new { g.Key.Day, Source = g.Key.Key, Count = g.Count() })
            .ToListAsync(ct);

        var sources = counts.Select(c => c.Source).Distinct().OrderBy(s => s is null).ThenBy(s => s, StringComparer.Ordinal).ToList();
        var perBucket = counts
            .GroupBy(c => (Bucket: period.BucketStartOf(DateOnly.FromDateTime(c.Day)), c.Source))
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

        var buckets = period.Buckets().Select(b =>
        {
            var bySource = sources.Select(s => new SourceCount(s, perBucket.GetValueOrDefault((b.Start, s)))).ToList();
            return new NewLeadsBucket(b.Start, b.End, bySource.Sum(s => s.Count), bySource);
        }).ToList();
        var totals = sources.Select(s => new SourceCount(s, buckets.Sum(b => b.BySource.First(x => x.Source == s).Count))).ToList();
        return new NewLeads(sources, buckets, totals.Sum(t => t.Count), totals);
    }
}
