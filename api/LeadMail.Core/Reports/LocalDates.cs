using System.Linq.Expressions;

namespace LeadMail.Core.Reports;

/// <summary>
/// Builds the SQL-translatable expression "the local date of this UTC instant" for a period:
/// <c>instant.AddMinutes(offset of the segment it falls in).Date</c>. The database then groups rows
/// by local date over an index range on the instant; nothing but the per-date counts leaves it.
/// </summary>
public static class LocalDates
{
    public static Expression<Func<T, DateTime>> Of<T>(Expression<Func<T, DateTime>> instant, IReadOnlyList<OffsetSegment> segments)
    {
        if (segments.Count == 0) throw new ArgumentException("A period has at least one offset segment.", nameof(segments));
        var row = instant.Parameters[0];
        var at = instant.Body;

        // Boundaries and offsets are read through an object's properties, which EF sends as
        // parameters (bare array constants it would inline): the SQL then depends only on how many
        // DST changes the period spans, and its compiled form is reused.
        var table = Expression.Constant(new SegmentTable(segments.Select(s => s.EndUtc).ToArray(), segments.Select(s => s.OffsetMinutes).ToArray()));
        Expression Ends(int i) => Expression.ArrayIndex(Expression.Property(table, nameof(SegmentTable.Ends)), Expression.Constant(i));
        Expression Offsets(int i) => Expression.ArrayIndex(Expression.Property(table, nameof(SegmentTable.Offsets)), Expression.Constant(i));

        var offset = Offsets(segments.Count - 1);
        for (var i = segments.Count - 2; i >= 0; i--)
        {
            offset = Expression.Condition(Expression.LessThan(at, Ends(i)), Offsets(i), offset);
        }

        var shifted = Expression.Call(at, typeof(DateTime).GetMethod(nameof(DateTime.AddMinutes), [typeof(double)])!, Expression.Convert(offset, typeof(double)));
        return Expression.Lambda<Func<T, DateTime>>(Expression.Property(shifted, nameof(DateTime.Date)), row);
    }

    private sealed record SegmentTable(DateTime[] Ends, int[] Offsets);
}

/// <summary>A row reduced to its local date and what a report groups it by.</summary>
public sealed class DatedRow<TKey>
{
    public DateTime Day { get; init; }
    public required TKey Key { get; init; }
}

public static class DatedRows
{
    /// <summary>Projects each row to its local date (see <see cref="LocalDates"/>) and a grouping key, as one translatable expression.</summary>
    public static IQueryable<DatedRow<TKey>> ByLocalDate<T, TKey>(
        this IQueryable<T> rows, Expression<Func<T, DateTime>> instant, Expression<Func<T, TKey>> key, IReadOnlyList<OffsetSegment> segments)
    {
        var day = LocalDates.Of(instant, segments);
        var row = day.Parameters[0];
        var keyBody = new BucketCounts.ParameterSwap(key.Parameters[0], row).Visit(key.Body);
        var init = Expression.MemberInit(
            Expression.New(typeof(DatedRow<TKey>)),
            Expression.Bind(typeof(DatedRow<TKey>).GetProperty(nameof(DatedRow<TKey>.Day))!, day.Body),
            Expression.Bind(typeof(DatedRow<TKey>).GetProperty(nameof(DatedRow<TKey>.Key))!, keyBody));
        return rows.Select(Expression.Lambda<Func<T, DatedRow<TKey>>>(init, row));
    }
}
