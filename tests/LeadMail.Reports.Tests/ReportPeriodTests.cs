using LeadMail.Core.Reports;

namespace LeadMail.Reports.Tests;

public sealed class ReportPeriodTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    [Fact]
    public void Day_buckets_are_23_and_25_hours_long_on_DST_change_days()
    {
        var buckets = new ReportPeriod(new DateOnly(2026, 3, 7), new DateOnly(2026, 3, 9), Zone("America/New_York")).Buckets();

        Assert.Equal([24, 23, 24], buckets.Select(b => (b.EndUtc - b.StartUtc).TotalHours));
        var fall = new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), Zone("America/New_York")).Buckets();
        Assert.Equal(25, (fall[0].EndUtc - fall[0].StartUtc).TotalHours);
    }

    [Fact]
    public void Where_midnight_does_not_exist_the_day_starts_at_the_first_instant_that_does()
    {
        // Chile's clocks jump from 00:00 to 01:00 on 6 September 2026 (start of DST in America/Santiago).
        var start = ReportPeriod.StartOfDayUtc(new DateOnly(2026, 9, 6), Zone("America/Santiago"));

        Assert.Equal(new DateTime(2026, 9, 6, 4, 0, 0, DateTimeKind.Utc), start);
    }

    [Fact]
    public void Month_buckets_start_on_the_first_and_the_first_is_clipped_to_the_period()
    {
        var buckets = new ReportPeriod(new DateOnly(2026, 1, 15), new DateOnly(2026, 3, 10), Zone("UTC"), Granularity.Month).Buckets();

        Assert.Equal([new DateOnly(2026, 1, 15), new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)], buckets.Select(b => b.Start));
        Assert.Equal(new DateOnly(2026, 3, 11), buckets[^1].End);
    }

    [Theory]
    [InlineData(new[] { 3 }, 0.5, 3.0)]
    [InlineData(new[] { 1, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.9, 9.1)]
    [InlineData(new[] { 0, 0, 0, 12 }, 0.9, 8.4)]
    public void Percentiles_from_a_histogram_match_Excels_PERCENTILE_INC(int[] values, double p, double expected)
    {
        var histogram = values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(expected, Percentiles.FromHistogram(histogram, p)!.Value, 10);
    }
}
