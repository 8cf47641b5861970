using System.Net;
using System.Net.Http.Json;
using LeadMail.Api.Web;
using Microsoft.AspNetCore.Http;

namespace LeadMail.Reports.Tests;

[Collection(GeneratedDatasetCollection.Name)]
public sealed class ReportInputTests(GeneratedDataset data)
{
    [Theory]
    [InlineData("new-leads?from=2026-01-01&to=2026-01-31&tz=Mars/Olympus", "tz")]
    [InlineData("new-leads?from=2026-01-01&to=2026-01-31&tz=W.%20Europe%20Standard%20Time", "tz")]
    [InlineData("touches?from=2026-02-01&to=2026-01-31&tz=UTC", "to")]
    [InlineData("new-leads?from=2023-01-01&to=2026-01-01&tz=UTC", "to")]
    [InlineData("new-leads?from=2026-01-01&to=2026-01-31&granularity=fortnight", "granularity")]
    [InlineData("new-leads?from=2026-01-01&to=2026-01-31&granularity=1", "granularity")]
    [InlineData("new-leads?to=2026-01-31", "from")]
    [InlineData("new-leads?from=2026-01-01", "to")]
    [InlineData("touches?from=01.02.2026&to=2026-03-01", "from")]
    [InlineData("touches?from=2026-01-01&to=2026-01-31&owner=everyone", "owner")]
    [InlineData("touches?from=2026-01-01&to=2026-01-31&format=xlsx", "format")]
    [InlineData("touches?from=2026-01-01&to=2026-01-31&format=csv&table=pivot", "table")]
    [InlineData("database-health?staleDays=0", "staleDays")]
    [InlineData("database-health?staleDays=abc", "staleDays")]
    [InlineData("conversion?from=2026-01-01&to=2026-01-31&by=campaign", "by")]
    [InlineData("conversion?from=2026-01-01&to=2026-01-31&by=2", "by")]
    [InlineData("conversion?from=2026-01-31&to=2026-01-01", "to")]
    [InlineData("pipeline?from=2026-01-01&to=2026-01-31&tz=Moon/Base", "tz")]
    [InlineData("pipeline?from=2026-01-01&to=2026-01-31&format=csv&table=funnel", "table")]
    [InlineData("follow-ups?from=2026-01-01&to=2026-01-31&ripeDays=0", "ripeDays")]
    [InlineData("follow-ups?from=2026-01-01&to=2026-01-31&ripeDays=x", "ripeDays")]
    [InlineData("follow-ups?to=2026-01-31", "from")]
    public async Task Bad_input_is_a_400_naming_the_field(string pathAndQuery, string field)
    {
        var response = await data.Manager.GetAsync("/api/reports/" + pathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(ApiJson.Options);
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task Exactly_three_years_is_accepted()
    {
        var response = await data.Manager.GetAsync("/api/reports/new-leads?from=2023-01-01&to=2025-12-31&tz=UTC&granularity=month");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Bad_input_from_a_rep_is_still_a_400_not_a_403()
    {
        var response = await data.RepClient(data.Alice).GetAsync("/api/reports/new-leads?from=2026-01-01&to=2026-01-31&tz=Nowhere/Land&owner=all");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
