using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

/// <summary>How many rows fell in one bucket under one grouping key.</summary>
public sealed record BucketCount<TKey>(ReportBucket Bucket, TKey Key, int Count);

/// <summary>
/// Counts rows per report bucket in the database. Up to <see cref="MaxCaseBuckets"/> buckets, each row's
/// bucket is found by comparing its UTC instant with the buckets' UTC boundaries (a flat CASE), so
/// the database returns one row per bucket and key. Longer day-by-day periods group by the local date
/// instead (the instant shifted by its DST segment's offset), and days are mapped to buckets here.
/// Either way only the counts leave the database, and empty buckets are the caller's zeros.
/// </summary>
public static class BucketCounts
{
    /// <summary>Enough for three years of weeks; past it a CASE per row costs more than date arithmetic.</summary>
    public const int MaxCaseBuckets = 160;

    public static async Task<List<BucketCount<TKey>>> CountAsync<T, TKey>(
        IQueryable<T> rows, Expression<Func<T, DateTime>> instant, Expression<Func<T, TKey>> key, ReportPeriod period, CancellationToken ct)
    {
        var buckets = period.Buckets();
        var (start, end) = (period.StartUtc, period.EndUtc);
        var inPeriod = rows.Where(Between(instant, start, end));

        if (buckets.Count <= MaxCaseBuckets)
        {
            var counts = await inPeriod
                .Select(Slotted(instant, key, BucketIndex(instant, buckets)))
                .GroupBy(r => new { r.Slot, r.Key })
                .Select(g => new { g.Key.Slot, g.Key.Key, Count = g.Count() })
                .ToListAsync(ct);
            return counts.Select(c => new BucketCount<TKey>(buckets[c.Slot], c.Key, c.Count)).ToList();
        }

        var byDay = await inPeriod
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

    /// <summary><c>at &lt; end0 ? 0 : at &lt; end1 ? 1 : … : last</c>; EF writes it as one flat CASE.</summary>
    private static Expression BucketIndex<T>(Expression<Func<T, DateTime>> instant, IReadOnlyList<ReportBucket> buckets)
    {
        var ends = new BucketEnds(buckets.Select(b => b.EndUtc).ToArray());
        Expression index = Expression.Constant(buckets.Count - 1);
        for (var i = buckets.Count - 2; i >= 0; i--)
        {
            index = Expression.Condition(Expression.LessThan(instant.Body, ends.At(i)), Expression.Constant(i), index);
        }
        return index;
    }

    private static Expression<Func<T, SlottedRow<TKey>>> Slotted<T, TKey>(Expression<Func<T, DateTime>> instant, Expression<Func<T, TKey>> key, Expression slot)
    {
        var row = instant.Parameters[0];
        var keyBody = new ParameterSwap(key.Parameters[0], row).Visit(key.Body);
        return Expression.Lambda<Func<T, SlottedRow<TKey>>>(
            Expression.MemberInit(Expression.New(typeof(SlottedRow<TKey>)),
                Expression.Bind(typeof(SlottedRow<TKey>).GetProperty(nameof(SlottedRow<TKey>.Slot))!, slot),
                Expression.Bind(typeof(SlottedRow<TKey>).GetProperty(nameof(SlottedRow<TKey>.Key))!, keyBody)),
            row);
    }

    private sealed record PeriodBounds(DateTime Start, DateTime End);

    /// <summary>Boundaries read through a property of an object, which EF sends as parameters rather than literals.</summary>
    private sealed class BucketEnds(DateTime[] ends)
    {
        public DateTime[] Ends { get; } = ends;

        public Expression At(int i) => Expression.ArrayIndex(Expression.Property(Expression.Constant(this), nameof(Ends)), Expression.Constant(i));
    }

    private sealed class SlottedRow<TKey>
    {
        public int Slot { get; init; }
        public required TKey Key { get; init; }
    }

    internal sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
