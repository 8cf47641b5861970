using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

/// <summary>How many rows fell in one bucket under one grouping key.</summary>
public sealed record BucketCount<TKey>(ReportBucket Bucket, TKey Key, int Count);

/// <summary>
/// Counts rows per report bucket in the database: the range join against the period's bucket
/// boundaries (UTC instants computed in C# by <see cref="ReportPeriod"/>), written as one UNION ALL
/// with a grouped count per bucket. Each part is a range seek on an index that leads with the instant,
/// and each sorts only its own bucket's rows, which on SQLite is several times cheaper than one
/// GROUP BY over the whole period. Periods with more than <see cref="MaxUnionBuckets"/> buckets (day
/// by day over months) group by local date instead (the instant shifted by its DST segment's
/// offset) and map days to buckets here. Either way only counts leave the database; empty buckets
/// are the caller's zeros.
/// </summary>
public static class BucketCounts
{
    /// <summary>Three years of weeks fit; SQLite allows 500 parts in a compound SELECT, SQL Server 2,100 parameters.</summary>
    public const int MaxUnionBuckets = 160;

    public static async Task<List<BucketCount<TKey>>> CountAsync<T, TKey>(
        IQueryable<T> rows, Expression<Func<T, DateTime>> instant, Expression<Func<T, TKey>> key, ReportPeriod period, CancellationToken ct)
    {
        var buckets = period.Buckets();
        if (buckets.Count <= MaxUnionBuckets)
        {
            IQueryable<SlotCount<TKey>>? union = null;
            for (var i = 0; i < buckets.Count; i++)
            {
                var slot = i;
                var part = rows.Where(Between(instant, buckets[i].StartUtc, buckets[i].EndUtc))
                    .GroupBy(key)
                    .Select(g => new SlotCount<TKey> { Slot = slot, Key = g.Key, Count = g.Count() });
                union = union is null ? part : union.Concat(part);
            }
            var counts = await union!.ToListAsync(ct);
            return counts.Select(c => new BucketCount<TKey>(buckets[c.Slot], c.Key, c.Count)).ToList();
        }

        var byDay = await rows.Where(Between(instant, period.StartUtc, period.EndUtc))
            .ByLocalDate(instant, key, period.OffsetSegments())
            .GroupBy(r => new { r.Day, r.Key })
            .Select(g => new { g.Key.Day, g.Key.Key, Count = g.Count() })
            .ToListAsync(ct);
        var bucketByStart = buckets.ToDictionary(b => b.Start);
        return byDay
            .GroupBy(c => (Bucket: period.BucketStartOf(DateOnly.FromDateTime(c.Day)), c.Key))
            .Select(g => new BucketCount<TKey>(bucketByStart[g.Key.Bucket], g.Key.Key, g.Sum(c => c.Count)))
            .ToList();
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

    internal sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
