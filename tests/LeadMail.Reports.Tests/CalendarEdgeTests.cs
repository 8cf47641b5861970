using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LeadMail.Api.Web;
using LeadMail.Core.Contacts;
using Microsoft.AspNetCore.Http;

namespace LeadMail.Reports.Tests;

/// <summary>Periods at the ends of the calendar, where a local midnight or the day after has no UTC instant.</summary>
public sealed class CalendarEdgeTests : IAsyncLifetime
{
    private readonly ReportHost _host = new();
    private HttpClient _rep = null!;

    private static readonly string[] PeriodReports = ["new-leads", "touches", "conversion", "pipeline", "follow-ups"];

    public static TheoryData<string, string, string> EdgePeriods => new()
    {
        { "9999-12-31", "9999-12-31", "UTC" },
        { "0001-01-01", "0001-01-02", "Pacific/Kiritimati" },
        { "9999-12-30", "9999-12-30", "America/New_York" },
        { "0001-01-01", "0001-01-01", "UTC" },
        { "9999-12-01", "9999-12-31", "Asia/Tokyo" },
        { "9998-01-01", "9999-12-31", "UTC" },
        { "0001-01-01", "0003-12-31", "America/Los_Angeles" },
    };

    public async Task InitializeAsync()
    {
        await _host.AddRepsAsync(("rita@contoso.com", "Rita Rep", false));
        _rep = _host.ClientFor("rita@contoso.com", manager: false);
        await _host.AddLeadAsync(new Contact { FirstName = "Edge", Emails = [new ContactEmail { Address = "edge@example.com" }] }, new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc));
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(EdgePeriods))]
    public async Task A_period_past_the_supported_calendar_is_a_400_on_every_report_in_JSON_and_CSV(string from, string to, string tz)
    {
        foreach (var report in PeriodReports)
        {
            foreach (var csv in new[] { false, true })
            {
                var url = $"/api/reports/{report}?from={from}&to={to}&tz={tz}";
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (csv) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
                var response = await _rep.SendAsync(request);

                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} (csv: {csv}) answered {(int)response.StatusCode}: {Shorten(body)}");
                var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(ApiJson.Options);
                var messages = problem!.Errors.Where(e => e.Key is "from" or "to").SelectMany(e => e.Value).ToList();
                Assert.NotEmpty(messages);
                Assert.All(messages, m => Assert.Contains("1900-01-01 to 2999-12-31", m));
            }
        }
    }

    [Theory]
    [InlineData("1900-01-01", "1900-01-31", "Pacific/Kiritimati")]
    [InlineData("2999-12-01", "2999-12-31", "Etc/GMT%2B12")]
    [InlineData("1900-01-01", "1902-12-31", "America/New_York")]
    [InlineData("2997-01-01", "2999-12-31", "Asia/Tokyo")]
    public async Task The_first_and_last_supported_days_answer_in_every_zone(string from, string to, string tz)
    {
        foreach (var report in PeriodReports)
        {
            var url = $"/api/reports/{report}?from={from}&to={to}&tz={tz}&granularity=week";
            var response = await _rep.GetAsync(url);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
        }
    }

    private static string Shorten(string body) => body.Length <= 400 ? body : body[..400] + "…";
}
