using LeadMail.Api.Reports;
using LeadMail.Core.Reports;

namespace LeadMail.Reports.Tests;

[Collection(GeneratedDatasetCollection.Name)]
public sealed class NewLeadsReportTests(GeneratedDataset data)
{
    [Theory]
    [InlineData("Europe/Berlin", Granularity.Day, "2026-03-01", "2026-04-30")]
    [InlineData("America/New_York", Granularity.Week, "2026-01-01", "2026-06-30")]
    [InlineData("UTC", Granularity.Month, "2025-12-01", "2026-07-31")]
    [InlineData("Asia/Kolkata", Granularity.Day, "2026-02-01", "2026-02-28")]
    [InlineData("Australia/Lord_Howe", Granularity.Week, "2026-03-11", "2026-04-30")]
    [InlineData("America/Sao_Paulo", Granularity.Month, "2026-01-15", "2026-06-14")]
    [InlineData("America/New_York", Granularity.Week, "2025-12-01", "2026-07-31")]
    // Longer than BucketCounts.MaxUnionBuckets days: counted in more than one query of bucket ranges.
    [InlineData("Europe/Berlin", Granularity.Day, "2025-12-01", "2026-07-31")]
    public async Task Counts_per_bucket_and_source_match_the_generated_leads(string tz, Granularity granularity, string from, string to)
    {
        var report = await Get($"from={from}&to={to}&tz={Uri.EscapeDataString(tz)}&granularity={granularity.ToString().ToLowerInvariant()}");

        var (f, t) = (DateOnly.Parse(from), DateOnly.Parse(to));
        var expected = data.Leads.Where(l => Expected.InPeriod(l.CreatedAt, tz, f, t)).ToList();
        Assert.True(expected.Count > 30, "the period should hold plenty of generated leads");
        AssertMatches(report.Data, expected, tz, granularity, f, t);
        Assert.Equal(tz, report.Period!.TimeZone);
        Assert.Equal("all", report.Filters.Owner);
    }

    [Theory]
    [InlineData("source", "fair")]
    [InlineData("source", "Trade, \"Expo\" 2026")]
    [InlineData("interest", "solar")]
    [InlineData("region", "BY")]
    public async Task Each_contact_filter_narrows_to_matching_leads(string field, string value)
    {
        var report = await Get($"from=2026-01-01&to=2026-06-30&tz=Europe/Berlin&granularity=week&{field}={Uri.EscapeDataString(value)}");

        var matching = data.Leads.Where(l => field switch
        {
            "source" => l.Source == value,
            "interest" => l.Interest == value,
            _ => l.Region == value,
        });
        var (from, to) = (new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));
        var expected = matching.Where(l => Expected.InPeriod(l.CreatedAt, "Europe/Berlin", from, to)).ToList();
        Assert.NotEmpty(expected);
        AssertMatches(report.Data, expected, "Europe/Berlin", Granularity.Week, from, to);
    }

    [Fact]
    public async Task Owner_filter_counts_one_reps_leads_or_the_unassigned_ones()
    {
        var (from, to) = (new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));
        var bob = await Get($"from=2026-01-01&to=2026-06-30&tz=UTC&granularity=month&owner={data.Bob.Id}");
        var unassigned = await Get("from=2026-01-01&to=2026-06-30&tz=UTC&granularity=month&owner=unassigned");

        AssertMatches(bob.Data, data.Leads.Where(l => l.OwnerId == data.Bob.Id && Expected.InPeriod(l.CreatedAt, "UTC", from, to)), "UTC", Granularity.Month, from, to);
        AssertMatches(unassigned.Data, data.Leads.Where(l => l.OwnerId == null && Expected.InPeriod(l.CreatedAt, "UTC", from, to)), "UTC", Granularity.Month, from, to);
        Assert.Equal(data.Bob.Id.ToString(), bob.Filters.Owner);
    }

    [Fact]
    public async Task A_period_without_leads_reports_every_bucket_as_zero()
    {
        var report = await Get("from=2027-02-01&to=2027-02-28&tz=Europe/Berlin&granularity=day");

        Assert.Equal(28, report.Data.Buckets.Count);
        Assert.All(report.Data.Buckets, b => Assert.Equal(0, b.Total));
        Assert.Equal(0, report.Data.Total);
        Assert.Equal(new DateOnly(2027, 2, 1), report.Data.Buckets[0].Start);
        Assert.Equal(new DateOnly(2027, 3, 1), report.Data.Buckets[^1].End);
    }

    [Fact]
    public async Task Weeks_are_clipped_to_the_period_at_both_ends()
    {
        // 2026-01-01 is a Thursday; 2026-01-20 a Tuesday.
        var report = await Get("from=2026-01-01&to=2026-01-20&tz=UTC&granularity=week");

        Assert.Equal(
            [(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 5)), (new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 12)),
             (new DateOnly(2026, 1, 12), new DateOnly(2026, 1, 19)), (new DateOnly(2026, 1, 19), new DateOnly(2026, 1, 21))],
            report.Data.Buckets.Select(b => (b.Start, b.End)));
    }

    private Task<Report<NewLeads>> Get(string query) => data.Host.GetJsonAsync<Report<NewLeads>>(data.Manager, "/api/reports/new-leads?" + query);

    private static void AssertMatches(NewLeads report, IEnumerable<GeneratedLead> expectedLeads, string tz, Granularity granularity, DateOnly from, DateOnly to)
    {
        var expected = expectedLeads
            .GroupBy(l => (Bucket: Expected.BucketOf(Expected.LocalDay(l.CreatedAt, tz), granularity, from), l.Source))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Expected.BucketStarts(from, to, granularity), report.Buckets.Select(b => b.Start));
        Assert.Equal(expected.Keys.Select(k => k.Source).Distinct().OrderBy(s => s), report.Sources.OrderBy(s => s));
        foreach (var bucket in report.Buckets)
        {
            foreach (var source in report.Sources)
            {
                Assert.True(expected.GetValueOrDefault((bucket.Start, source)) == bucket.BySource.Single(s => s.Source == source).Count,
                    $"bucket {bucket.Start}, source {source ?? "(none)"}: expected {expected.GetValueOrDefault((bucket.Start, source))}, got {bucket.BySource.Single(s => s.Source == source).Count}");
            }
            Assert.Equal(bucket.BySource.Sum(s => s.Count), bucket.Total);
        }
        Assert.Equal(expected.Values.Sum(), report.Total);
        Assert.Equal(report.Total, report.TotalsBySource.Sum(s => s.Count));
    }
}
