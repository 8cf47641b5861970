using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

/// <summary>How many rows fell in one bucket under one grouping key.</summary>
public sealed record BucketCount<TKey>(ReportBucket Bucket, TKey Key, int Count);

/// <summary>
/// Counts rows per report bucket in the database: the range join against the period's bucket
/// boundaries (UTC instants computed in C# by <see cref="ReportPeriod"/>), written as a UNION ALL
/// with a grouped count per bucket. Each part is a range seek on an index that leads with the instant,
/// and each sorts only its own bucket's rows, which on SQLite is several times cheaper than one
/// GROUP BY over the whole period (or over local dates computed per row: a year by day took three
/// times the CPU). Periods with more than <see cref="MaxUnionBuckets"/> buckets (day by day over
/// months) are counted in several such queries. Only counts leave the database; empty buckets are
/// the caller's zeros.
/// </summary>
public static class BucketCounts
{
    /// <summary>Parts per query: SQLite allows 500 in a compound SELECT, SQL Server 2,100 parameters (two a part).</summary>
    public const int MaxUnionBuckets = 160;

    public static async Task<List<BucketCount<TKey>>> CountAsync<T, TKey>(
        IQueryable<T> rows, Expression<Func<T, DateTime>> instant, Expression<Func<T, TKey>> key, ReportPeriod period, CancellationToken ct)
    {
        var buckets = period.Buckets();
        var result = new List<BucketCount<TKey>>();
        for (var first = 0; first < buckets.Count; first += MaxUnionBuckets)
        {
            IQueryable<SlotCount<TKey>>? union = null;
            for (var i = first; i < Math.Min(first + MaxUnionBuckets, buckets.Count); i++)
            {
                var slot = i;
                var part = rows.Where(Between(instant, buckets[i].StartUtc, buckets[i].EndUtc))
                    .GroupBy(key)
                    .Select(g => new SlotCount<TKey> { Slot = slot, Key = g.Key, Count = g.Count() });
                union = union is null ? part : union.Concat(part);
            }
            var counts = await union!.ToListAsync(ct);
            result.AddRange(counts.Select(c => new BucketCount<TKey>(buckets[c.Slot], c.Key, c.Count)));
        }
        return result;
    }

    private static Expression<Func<T, bool>> Between<T>(Expression<Func<T, DateTime>> instant, DateTime start, DateTime end)
    {
        var bounds = new PeriodBounds(start, end);
        var at = instant.Body;
        var holder = Expression.Constant(bounds);
        return Expression.Lambda<Func<T, bool>>(
            Expression.AndAlso(
                Expression.GreaterThanOrEqual(at, Expression.Property(holder, nameof(PeriodBounds.Start))),
                Expression.LessThan(at, Expression.Property(holder, nameof(PeriodBounds.End)))),
            instant.Parameters);
    }

    /// <summary>Bounds read through an object's properties, which EF sends as parameters rather than literals, so plans are reused.</summary>
    private sealed record PeriodBounds(DateTime Start, DateTime End);

    private sealed class SlotCount<TKey>
    {
        public int Slot { get; init; }
        public required TKey Key { get; init; }
        public int Count { get; init; }
    }
}
