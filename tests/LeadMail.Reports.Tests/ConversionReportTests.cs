using System.Globalization;
using LeadMail.Api.Reports;
using LeadMail.Core.Contacts;
using LeadMail.Core.Reports;

namespace LeadMail.Reports.Tests;

[Collection(GeneratedDatasetCollection.Name)]
public sealed class ConversionReportTests(GeneratedDataset data)
{
    private const string Tz = "Europe/Berlin";
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly DateOnly To = new(2026, 4, 30);

    [Theory]
    [InlineData("source")]
    [InlineData("interest")]
    [InlineData("owner")]
    [InlineData("cohort")]
    public async Task Leads_won_and_days_to_won_per_group_match_the_generated_moves(string by)
    {
        var report = await Get($"by={by}");

        var expected = Cohort().GroupBy(l => KeyOf(l.Lead, by)).ToDictionary(g => g.Key ?? "\0", g => g.ToList());
        var rows = report.Data.Rows.Where(r => r.Leads > 0 || r.Won > 0).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), rows.Select(r => r.Key ?? "\0").Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var group = expected[row.Key ?? "\0"];
            var days = group.Where(l => l.WonAt is not null).Select(l => (l.WonAt!.Value - l.Lead.CreatedAt).TotalDays).ToList();
            Assert.Equal(group.Count, row.Leads);
            Assert.Equal(days.Count, row.Won);
            Assert.Equal(Math.Round((double)days.Count / group.Count, 4), row.ConversionRate);
            Assert.Equal(days.Count == 0 ? null : Math.Round(days.Average(), 2), row.MeanDaysToWon);
            Assert.Equal(Median(days) is { } m ? Math.Round(m, 2) : null, row.MedianDaysToWon);
        }
        Assert.Equal(Cohort().Count, report.Data.Total.Leads);
        Assert.Equal(Cohort().Count(l => l.WonAt is not null), report.Data.Total.Won);
    }

    [Fact]
    public async Task Cohorts_are_every_local_month_of_the_period_zeros_included_and_owner_rows_carry_the_reps_name()
    {
        var cohorts = await Get("by=cohort");
        var owners = await Get("by=owner");

        Assert.Equal(["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"], cohorts.Data.Rows.Select(r => r.Key));
        Assert.Equal("2026-01-31", cohorts.Data.Rows[0].Name);
        var alice = owners.Data.Rows.Single(r => r.Key == data.Alice.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("Alice Adams", alice.Name);
        Assert.Null(owners.Data.Rows[^1].Key); // the unassigned queue last
    }

    [Fact]
    public async Task An_empty_period_answers_zeros_not_missing_rows()
    {
        var report = await data.Host.GetJsonAsync<Report<Conversion>>(data.Manager, "/api/reports/conversion?from=2030-01-01&to=2030-03-31&by=cohort");

        Assert.Equal(3, report.Data.Rows.Count);
        Assert.All(report.Data.Rows, r => Assert.Equal((0, 0, (double?)null, (double?)null), (r.Leads, r.Won, r.ConversionRate, r.MedianDaysToWon)));
    }

    [Fact]
    public async Task Filters_and_a_reps_own_figures_narrow_the_cohort()
    {
        var solar = await Get("by=source&interest=solar");
        var bobs = await data.Host.GetJsonAsync<Report<Conversion>>(data.RepClient(data.Bob), $"/api/reports/conversion?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&tz={Tz}");

        Assert.Equal(Cohort().Count(l => l.Lead.Interest == "solar"), solar.Data.Total.Leads);
        Assert.Equal(Cohort().Count(l => l.Lead.Interest == "solar" && l.WonAt is not null), solar.Data.Total.Won);
        Assert.Equal(Cohort().Count(l => l.Lead.OwnerId == data.Bob.Id), bobs.Data.Total.Leads);
        Assert.Equal(Cohort().Count(l => l.Lead.OwnerId == data.Bob.Id && l.WonAt is not null), bobs.Data.Total.Won);
    }

    [Fact]
    public async Task As_CSV_a_row_per_group_and_a_total_row()
    {
        var rows = Rfc4180.Parse(await data.Manager.GetStringAsync($"/api/reports/conversion?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&tz={Tz}&by=cohort&format=csv"));

        Assert.Equal(["cohortStart", "cohortEnd", "leads", "won", "conversionRate", "meanDaysToWon", "medianDaysToWon"], rows[0]);
        Assert.Equal(["2026-01-01", "2026-01-31"], rows[1][..2]);
        Assert.Equal("(total)", rows[^1][0]);
        Assert.Equal(Cohort().Count.ToString(CultureInfo.InvariantCulture), rows[^1][2]);
    }

    /// <summary>Leads created in the period (local days in Berlin) and when each was first moved to won, from the test's own lists.</summary>
    private List<(GeneratedLead Lead, DateTime? WonAt)> Cohort() => data.Leads
        .Where(l => Expected.InPeriod(l.CreatedAt, Tz, From, To))
        .Select(l => (l, data.StageChanges.Where(s => s.ContactId == l.Id && s.To == Stage.Won).Select(s => (DateTime?)s.At).Min()))
        .ToList();

    private static string? KeyOf(GeneratedLead lead, string by) => by switch
    {
        "source" => lead.Source,
        "interest" => lead.Interest,
        "owner" => lead.OwnerId?.ToString(CultureInfo.InvariantCulture),
        _ => Expected.BucketOf(Expected.LocalDay(lead.CreatedAt, Tz), Granularity.Month, From).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private Task<Report<Conversion>> Get(string query) =>
        data.Host.GetJsonAsync<Report<Conversion>>(data.Manager, $"/api/reports/conversion?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&tz={Tz}&{query}");
}
