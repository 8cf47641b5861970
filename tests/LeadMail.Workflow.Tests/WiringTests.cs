using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AutoMapper;
using LeadMail.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Workflow.Tests;

public sealed class WiringTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    [Fact]
    public void Every_mapping_profile_maps_every_member()
    {
        host.Services.GetRequiredService<IMapper>().ConfigurationProvider.AssertConfigurationIsValid();
    }

    [Fact]
    public async Task The_openapi_document_lists_the_workflow_routes()
    {
        var response = await host.CreateClient().GetAsync("/swagger/v1/swagger.json");
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        var paths = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/contacts/{id}/stage", "/api/contacts/{id}/follow-up", "/api/follow-ups", "/api/contacts/ripe",
                     "/api/contacts/{id}/score", "/api/assignment-rules", "/api/contacts/{id}/assign", "/api/consent-violations" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
    }

    [Fact]
    public async Task Forgetting_a_contact_removes_its_workflow_history_too()
    {
        var (manager, _) = await host.RepAsync("boss", manager: true);
        var contact = await host.CreateContactAsync(manager, new { email = WorkflowHost.NewEmail(), nextFollowUpDue = host.Clock.UtcNow.AddDays(1) });
        await manager.PostAsJsonAsync($"/api/contacts/{contact.Id}/stage", new { stage = "marketingQualified" }, ApiJson.Options);

        await Expect.StatusAsync(await manager.DeleteAsync($"/api/contacts/{contact.Id}"), HttpStatusCode.NoContent);

        var left = await host.WithDbAsync(async db =>
            await db.FollowUps.CountAsync(f => f.ContactId == contact.Id)
            + await db.StageChanges.CountAsync(c => c.ContactId == contact.Id)
            + await db.OwnerAssignments.CountAsync(a => a.ContactId == contact.Id));
        Assert.Equal(0, left);
    }

    [Theory]
    [InlineData("GET", "/api/contacts/1/stage-history")]
    [InlineData("POST", "/api/contacts/1/stage")]
    [InlineData("PUT", "/api/contacts/1/follow-up")]
    [InlineData("GET", "/api/follow-ups")]
    [InlineData("GET", "/api/contacts/ripe")]
    [InlineData("GET", "/api/contacts/1/score")]
    [InlineData("GET", "/api/assignment-rules")]
    [InlineData("POST", "/api/contacts/1/assign")]
    [InlineData("GET", "/api/consent-violations")]
    public async Task Every_workflow_route_needs_a_token(string method, string path)
    {
        var response = await host.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
        await Expect.StatusAsync(response, HttpStatusCode.Unauthorized);
    }
}
