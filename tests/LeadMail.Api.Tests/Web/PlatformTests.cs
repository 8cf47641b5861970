using System.Net;
using System.Text.Json;
using AutoMapper;
using LeadMail.Api.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Web;

public sealed class PlatformTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task Health_answers_200_without_a_token()
    {
        using var anonymous = api.CreateClient();

        var response = await anonymous.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_is_served_anonymously_with_a_bearer_scheme_and_every_route()
    {
        using var anonymous = api.CreateClient();

        var response = await anonymous.GetAsync("/swagger/v1/swagger.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var bearer = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Contains(root.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("Bearer", out _));
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/contacts", "/api/contacts/lookup", "/api/contacts/{id}", "/api/contacts/{id}/interactions", "/api/me", "/api/reps", "/api/reps/{id}" })
            Assert.Contains(path, paths);
        // The lookup writes its answer itself (BufferedJson); its 200 is still described for clients: the full
        // answer, or a colleague's lead's restricted one.
        var lookupOk = root.GetProperty("paths").GetProperty("/api/contacts/lookup").GetProperty("get").GetProperty("responses").GetProperty("200");
        var bodies = lookupOk.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("oneOf")
            .EnumerateArray().Select(s => s.GetProperty("$ref").GetString()).ToList();
        Assert.Equal(["#/components/schemas/ContactLookupDto", "#/components/schemas/RestrictedLookupDto"], bodies);
    }

    [Fact]
    public async Task The_swagger_ui_is_served_anonymously()
    {
        using var anonymous = api.CreateClient();

        var response = await anonymous.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_automapper_configuration_is_valid()
    {
        var mapper = api.Services.GetRequiredService<IMapper>();
        mapper.ConfigurationProvider.AssertConfigurationIsValid();
    }
}

/// <summary>Local mode signs tokens with a development key: the API must refuse to start with it in Production.</summary>
public sealed class ProductionStartTests
{
    [Fact]
    public void Local_auth_in_production_refuses_to_start()
    {
        using var factory = new LeadMailApiFactory { EnvironmentName = "Production" };

        var failure = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(failure);
        var messages = Flatten(failure).Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains("Auth:Mode is Local") && m.Contains("Production"));
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
        if (exception is AggregateException aggregate)
            foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
    }
}
