using System.Globalization;
using LeadMail.Core.Interactions;
using LeadMail.Core.Reports;

namespace LeadMail.Reports.Tests;

/// <summary>
/// The test's own answers, computed per row with TimeZoneInfo.ConvertTimeFromUtc and ISOWeek rather
/// than with the reports' UTC boundaries and SQL grouping, so the two can disagree when one is wrong.
/// </summary>
public static class Expected
{
    public static DateOnly LocalDay(DateTime utc, string tz) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById(tz)));

    public static bool InPeriod(DateTime utc, string tz, DateOnly from, DateOnly to) =>
        LocalDay(utc, tz) is var day && day >= from && day <= to;

    public static DateOnly BucketOf(DateOnly day, Granularity granularity, DateOnly from)
    {
        var start = granularity switch
        {
            Granularity.Day => day,
            Granularity.Week => DateOnly.FromDateTime(ISOWeek.ToDateTime(ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)),
                ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)), DayOfWeek.Monday)),
            _ => new DateOnly(day.Year, day.Month, 1),
        };
        return start < from ? from : start;
    }

    /// <summary>Every bucket start of the period, found by walking its days one by one.</summary>
    public static List<DateOnly> BucketStarts(DateOnly from, DateOnly to, Granularity granularity)
    {
        var starts = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var bucket = BucketOf(day, granularity, from);
            if (starts.Count == 0 || starts[^1] != bucket) starts.Add(bucket);
        }
        return starts;
    }

    /// <summary>What reaches the person, as the product defines a connect (written out again here, not borrowed).</summary>
    public static bool IsConnect(GeneratedTouch t) => t.Channel switch
    {
        Channel.Email => t.Direction == Direction.Inbound,
        Channel.Meeting => t.Outcome == Outcome.Held,
        Channel.Call => t.Outcome == Outcome.Connected,
        Channel.Visit => t.Outcome is null or Outcome.Connected or Outcome.Held,
        _ => false,
    };

    /// <summary>Per contact that ever connected: when first, and how many outbound touches came strictly before.</summary>
    public static Dictionary<int, (DateTime FirstConnect, int Before)> Connects(IEnumerable<GeneratedTouch> touches) =>
        touches.GroupBy(t => t.ContactId)
            .Where(g => g.Any(IsConnect))
            .ToDictionary(g => g.Key, g =>
            {
                var first = g.Where(IsConnect).Min(t => t.OccurredAt);
                return (first, g.Count(t => t.Direction == Direction.Outbound && t.OccurredAt < first));
            });

    /// <summary>Excel's PERCENTILE.INC over a plain sorted list.</summary>
    public static double? Percentile(IReadOnlyList<int> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var rank = (sorted.Count - 1) * p;
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
