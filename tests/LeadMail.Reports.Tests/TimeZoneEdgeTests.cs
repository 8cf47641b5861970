using LeadMail.Api.Reports;
using LeadMail.Core.Contacts;
using LeadMail.Core.Reports;

namespace LeadMail.Reports.Tests;

/// <summary>Leads placed right at local midnights and DST changes, where a UTC-bucketed report would be wrong.</summary>
public sealed class TimeZoneEdgeTests : IAsyncLifetime
{
    private readonly ReportHost _host = new();
    private HttpClient _manager = null!;

    public async Task InitializeAsync()
    {
        await _host.AddRepsAsync(("mia@contoso.com", "Mia Manager", true));
        _manager = _host.ClientFor("mia@contoso.com", manager: true);
        DateTime[] created =
        [
            Utc(2026, 1, 15, 22, 30), // 23:30 on 15 Jan in Berlin (CET, +1); 17:30 in New York
            Utc(2026, 1, 16, 4, 30),  // 23:30 on 15 Jan in New York (EST, -5); 05:30 on 16 Jan in Berlin
            Utc(2026, 3, 28, 22, 30), // 23:30 on 28 Mar in Berlin, the night before DST starts
            Utc(2026, 3, 28, 23, 30), // 00:30 on 29 Mar in Berlin (still +1)
            Utc(2026, 3, 29, 21, 30), // 23:30 on 29 Mar in Berlin (CEST, +2): the 23-hour day's last half hour
            Utc(2026, 3, 29, 22, 30), // 00:30 on 30 Mar in Berlin
            Utc(2026, 11, 1, 4, 30),  // 00:30 on 1 Nov in New York (EDT, -4), the 25-hour day
            Utc(2026, 11, 2, 4, 30),  // 23:30 on 1 Nov in New York (EST, -5)
            Utc(2026, 11, 2, 5, 30),  // 00:30 on 2 Nov in New York
        ];
        var n = 0;
        foreach (var at in created) await _host.AddLeadAsync(new Contact { FirstName = $"Edge{n}", Emails = [new ContactEmail { Address = $"edge{n++}@example.com" }] }, at);
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_lead_at_2330_local_counts_on_that_local_day_in_Berlin_and_in_New_York()
    {
        var berlin = await Days("Europe/Berlin", "2026-01-15", "2026-01-16");
        var newYork = await Days("America/New_York", "2026-01-15", "2026-01-16");
        var utc = await Days("UTC", "2026-01-15", "2026-01-16");

        Assert.Equal([1, 1], berlin);  // 15th: the Berlin 23:30 one; 16th: the New York 23:30 one (05:30 in Berlin)
        Assert.Equal([2, 0], newYork); // both are on the 15th in New York
        Assert.Equal([1, 1], utc);
    }

    [Fact]
    public async Task The_23_hour_day_when_Berlin_springs_forward_keeps_its_own_leads()
    {
        var days = await Days("Europe/Berlin", "2026-03-28", "2026-03-30");

        Assert.Equal([1, 2, 1], days);
    }

    [Fact]
    public async Task The_25_hour_day_when_New_York_falls_back_counts_both_ends()
    {
        var days = await Days("America/New_York", "2026-10-31", "2026-11-02");

        Assert.Equal([0, 2, 1], days);
    }

    [Fact]
    public async Task A_week_spanning_a_DST_change_holds_every_lead_of_its_seven_local_days()
    {
        var report = await _host.GetJsonAsync<Report<NewLeads>>(_manager, "/api/reports/new-leads?from=2026-03-23&to=2026-04-05&tz=Europe/Berlin&granularity=week");

        // Monday 23 to Sunday 29 March holds the 28th's lead and both of the 29th; Monday 30th opens the next week.
        Assert.Equal([3, 1], report.Data.Buckets.Select(b => b.Total));
        Assert.Equal(Utc(2026, 3, 22, 23, 0), report.Period!.StartUtc);
        Assert.Equal(Utc(2026, 4, 5, 22, 0), report.Period.EndUtc);
    }

    private async Task<int[]> Days(string tz, string from, string to)
    {
        var report = await _host.GetJsonAsync<Report<NewLeads>>(_manager, $"/api/reports/new-leads?from={from}&to={to}&tz={tz}&granularity=day");
        return report.Data.Buckets.Select(b => b.Total).ToArray();
    }

    private static DateTime Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, DateTimeKind.Utc);
}
