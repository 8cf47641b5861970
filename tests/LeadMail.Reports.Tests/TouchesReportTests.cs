using LeadMail.Api.Reports;
using LeadMail.Core.Interactions;
using LeadMail.Core.Reports;

namespace LeadMail.Reports.Tests;

[Collection(GeneratedDatasetCollection.Name)]
public sealed class TouchesReportTests(GeneratedDataset data)
{
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly DateOnly To = new(2026, 6, 30);
    private const string Tz = "Europe/Berlin";

    [Fact]
    public async Task Touches_per_rep_per_week_by_channel_and_direction_split_auto_logged_from_manual()
    {
        var report = await Get("");

        var expected = InPeriod(data.Touches).ToList();
        Assert.True(expected.Count > 500);
        AssertRowsMatch(report.Data, expected);
        Assert.Equal(Granularity.Week, report.Period!.Granularity);
        Assert.Contains(report.Data.Rows, r => r.AutoLogged > 0 && r.Manual > 0);
        Assert.Equal("Alice Adams", report.Data.Rows.First(r => r.RepId == data.Alice.Id).RepName);
    }

    [Fact]
    public async Task Day_by_day_over_half_a_year_counts_in_several_queries_and_still_matches()
    {
        var report = await Get("&granularity=day");

        Assert.True(Expected.BucketStarts(From, To, Granularity.Day).Count > BucketCounts.MaxUnionBuckets);
        AssertRowsMatch(report.Data, InPeriod(data.Touches).ToList(), Granularity.Day);
    }

    [Fact]
    public async Task Owner_filter_means_the_rep_who_made_the_touch()
    {
        var report = await Get($"&owner={data.Carol.Id}");

        Assert.All(report.Data.Rows, r => Assert.Equal(data.Carol.Id, r.RepId));
        AssertRowsMatch(report.Data, InPeriod(data.Touches).Where(t => t.RepId == data.Carol.Id).ToList());
    }

    [Fact]
    public async Task Region_filter_counts_touches_on_contacts_of_that_region()
    {
        var report = await Get("&region=NRW");

        var nrw = data.Leads.Where(l => l.Region == "NRW").Select(l => l.Id).ToHashSet();
        AssertRowsMatch(report.Data, InPeriod(data.Touches).Where(t => nrw.Contains(t.ContactId)).ToList());
    }

    [Fact]
    public async Task Touches_before_connect_median_p90_and_distribution_cover_contacts_first_connected_in_the_period()
    {
        var report = await Get("");

        var connected = Expected.Connects(data.Touches).Values
            .Where(c => Expected.InPeriod(c.FirstConnect, Tz, From, To)).Select(c => c.Before).ToList();
        Assert.True(connected.Count > 50);
        var before = report.Data.BeforeConnect;
        Assert.Equal(connected.Count, before.Contacts);
        Assert.Equal(Expected.Percentile(connected, 0.5), before.Median);
        Assert.Equal(Expected.Percentile(connected, 0.9), before.P90);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10+"], before.Distribution.Select(d => d.Touches));
        for (var n = 0; n < 10; n++) Assert.Equal(connected.Count(c => c == n), before.Distribution[n].Contacts);
        Assert.Equal(connected.Count(c => c >= 10), before.Distribution[10].Contacts);
    }

    [Fact]
    public async Task Before_connect_with_an_owner_filter_counts_that_owners_contacts()
    {
        var report = await Get($"&owner={data.Bob.Id}");

        var bobs = data.Leads.Where(l => l.OwnerId == data.Bob.Id).Select(l => l.Id).ToHashSet();
        var connected = Expected.Connects(data.Touches).Where(c => bobs.Contains(c.Key))
            .Select(c => c.Value).Where(c => Expected.InPeriod(c.FirstConnect, Tz, From, To)).Select(c => c.Before).ToList();
        Assert.Equal(connected.Count, report.Data.BeforeConnect.Contacts);
        Assert.Equal(Expected.Percentile(connected, 0.5), report.Data.BeforeConnect.Median);
    }

    [Fact]
    public async Task An_empty_period_has_no_touch_rows_and_a_zero_distribution()
    {
        var report = await Get("", from: "2030-01-01", to: "2030-01-31");

        Assert.Empty(report.Data.Rows);
        Assert.Equal(0, report.Data.BeforeConnect.Contacts);
        Assert.Null(report.Data.BeforeConnect.Median);
        Assert.All(report.Data.BeforeConnect.Distribution, d => Assert.Equal(0, d.Contacts));
    }

    [Fact]
    public async Task A_rep_without_an_owner_filter_gets_their_own_touches()
    {
        var report = await data.Host.GetJsonAsync<Report<Touches>>(data.RepClient(data.Alice),
            $"/api/reports/touches?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&tz={Tz}");

        Assert.Equal(data.Alice.Id.ToString(), report.Filters.Owner);
        AssertRowsMatch(report.Data, InPeriod(data.Touches).Where(t => t.RepId == data.Alice.Id).ToList());
    }

    private IEnumerable<GeneratedTouch> InPeriod(IEnumerable<GeneratedTouch> touches) => touches.Where(t => Expected.InPeriod(t.OccurredAt, Tz, From, To));

    private Task<Report<Touches>> Get(string extra, string? from = null, string? to = null) =>
        data.Host.GetJsonAsync<Report<Touches>>(data.Manager,
            $"/api/reports/touches?from={from ?? From.ToString("yyyy-MM-dd")}&to={to ?? To.ToString("yyyy-MM-dd")}&tz={Tz}{extra}");

    private static void AssertRowsMatch(Touches report, IReadOnlyList<GeneratedTouch> expected, Granularity granularity = Granularity.Week)
    {
        var byKey = expected
            .GroupBy(t => (Bucket: Expected.BucketOf(Expected.LocalDay(t.OccurredAt, Tz), granularity, From), t.RepId, t.Channel, t.Direction))
            .ToDictionary(g => g.Key, g => (Auto: g.Count(t => t.Origin == Origin.Sync), Manual: g.Count(t => t.Origin != Origin.Sync)));
        var kinds = expected.Select(t => (t.RepId, t.Channel, t.Direction)).Distinct().Count();
        var buckets = Expected.BucketStarts(From, To, granularity);

        // Zero-filled: every bucket for every (rep, channel, direction) that occurs in the period.
        Assert.Equal(buckets.Count * kinds, report.Rows.Count);
        Assert.Equal(buckets.ToHashSet(), report.Rows.Select(r => r.Start).ToHashSet());
        foreach (var row in report.Rows)
        {
            var (auto, manual) = byKey.GetValueOrDefault((row.Start, row.RepId, row.Channel, row.Direction));
            Assert.True((auto, manual) == (row.AutoLogged, row.Manual),
                $"{row.Start} rep {row.RepId} {row.Channel}/{row.Direction}: expected {auto}+{manual}, got {row.AutoLogged}+{row.Manual}");
            Assert.Equal(row.AutoLogged + row.Manual, row.Total);
        }
        Assert.Equal(expected.Count, report.Rows.Sum(r => r.Total));
    }
}
