using System.Net;
using System.Text.Json;
using AutoMapper;
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
}
