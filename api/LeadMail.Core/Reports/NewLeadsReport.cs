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
        var counts = await BucketCounts.CountAsync(scope.Apply(db.Contacts.AsNoTracking()), c => c.CreatedAt, c => c.Source, period, ct);

        var sources = counts.Select(c => c.Key).Distinct().OrderBy(s => s is null).ThenBy(s => s, StringComparer.Ordinal).ToList();
        var perBucket = counts.ToDictionary(c => (c.Bucket.Start, Source: c.Key), c => c.Count);
        var buckets = period.Buckets().Select(b =>
        {
            var bySource = sources.Select(s => new SourceCount(s, perBucket.GetValueOrDefault((b.Start, s)))).ToList();
            return new NewLeadsBucket(b.Start, b.End, bySource.Sum(s => s.Count), bySource);
        }).ToList();
        var totals = sources.Select(s => new SourceCount(s, buckets.Sum(b => b.BySource.First(x => x.Source == s).Count))).ToList();
        return new NewLeads(sources, buckets, totals.Sum(t => t.Count), totals);
    }
}
