using System.Net;
using System.Net.Http.Json;
using LeadMail.Api.Reports;
using LeadMail.Api.Web;
using LeadMail.Core.Reports;
using Microsoft.AspNetCore.Mvc;

namespace LeadMail.Reports.Tests;

[Collection(GeneratedDatasetCollection.Name)]
public sealed class ReportAccessTests(GeneratedDataset data)
{
    private const string Period = "from=2026-01-01&to=2026-06-30&tz=UTC";

    public static TheoryData<string> Reports => ["new-leads", "touches", "database-health", "conversion", "pipeline", "follow-ups"];

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task A_rep_asking_for_team_wide_figures_gets_403(string report)
    {
        var response = await data.RepClient(data.Bob).GetAsync($"/api/reports/{report}?{Period}&owner=all");

        await AssertForbidden(response);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task A_rep_asking_for_another_reps_figures_gets_403(string report)
    {
        await AssertForbidden(await data.RepClient(data.Bob).GetAsync($"/api/reports/{report}?{Period}&owner={data.Alice.Id}"));
        await AssertForbidden(await data.RepClient(data.Bob).GetAsync($"/api/reports/{report}?{Period}&owner=unassigned"));
    }

    [Fact]
    public async Task A_rep_gets_their_own_figures_without_an_owner_filter_or_with_me_or_their_id()
    {
        var bob = data.RepClient(data.Bob);
        var expected = data.Leads.Count(l => l.OwnerId == data.Bob.Id && Expected.InPeriod(l.CreatedAt, "UTC", new(2026, 1, 1), new(2026, 6, 30)));

        foreach (var owner in new[] { "", "&owner=me", $"&owner={data.Bob.Id}" })
        {
            var report = await data.Host.GetJsonAsync<Report<NewLeads>>(bob, $"/api/reports/new-leads?{Period}{owner}");
            Assert.Equal(expected, report.Data.Total);
            Assert.Equal(data.Bob.Id.ToString(), report.Filters.Owner);
        }
    }

    [Fact]
    public async Task A_reps_database_health_counts_only_their_own_contacts()
    {
        var report = await data.Host.GetJsonAsync<Report<DatabaseHealth>>(data.RepClient(data.Carol), "/api/reports/database-health");

        Assert.Equal(data.Leads.Count(l => l.OwnerId == data.Carol.Id), report.Data.Contacts);
    }

    [Fact]
    public async Task A_manager_sees_the_team_by_default_and_any_rep_on_request()
    {
        var team = await data.Host.GetJsonAsync<Report<DatabaseHealth>>(data.Manager, "/api/reports/database-health");
        var alice = await data.Host.GetJsonAsync<Report<DatabaseHealth>>(data.Manager, $"/api/reports/database-health?owner={data.Alice.Id}");

        Assert.Equal(data.Leads.Count, team.Data.Contacts);
        Assert.Equal("all", team.Filters.Owner);
        Assert.Equal(data.Leads.Count(l => l.OwnerId == data.Alice.Id), alice.Data.Contacts);
    }

    [Fact]
    public async Task Without_a_token_reports_answer_401()
    {
        var response = await data.Host.CreateClient().GetAsync($"/api/reports/new-leads?{Period}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task AssertForbidden(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ApiJson.Options);
        Assert.Equal(403, problem!.Status);
        Assert.Contains("own figures", problem.Detail);
    }
}

[Collection(GeneratedDatasetCollection.Name)]
public sealed class ReportOpenApiTests(GeneratedDataset data)
{
    [Fact]
    public async Task The_OpenAPI_document_lists_each_report_with_its_JSON_and_CSV_answers()
    {
        var document = await data.Host.CreateClient().GetStringAsync("/swagger/v1/swagger.json");

        using var json = System.Text.Json.JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths");
        foreach (var report in new[] { "new-leads", "touches", "database-health", "conversion", "pipeline", "follow-ups" })
        {
            var ok = paths.GetProperty($"/api/reports/{report}").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
            Assert.True(ok.TryGetProperty("application/json", out _), $"{report}: no JSON answer documented");
            Assert.True(ok.TryGetProperty("text/csv", out _), $"{report}: no CSV answer documented");
        }
    }
}
