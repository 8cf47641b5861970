using System.Net;
using LeadMail.Api.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LeadMail.Api.Tests.Web;

/// <summary>The API with extra settings over the test defaults (the Entra ones for a production host).</summary>
public class ConfiguredApiFactory(IDictionary<string, string?> extra) : LeadMailApiFactory
{
    public static readonly IDictionary<string, string?> Entra = new Dictionary<string, string?>
    {
        ["Auth:Mode"] = "EntraId",
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        ["AzureAd:ClientId"] = "6e1b2c3d-4f50-4a6b-8c7d-9e0f1a2b3c4d",
    };

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }
}

/// <summary>Swagger describes every route to whoever asks: off in production unless Swagger:Enabled turns it on.</summary>
public sealed class SwaggerAvailabilityTests
{
    private static HttpClient Anonymous(LeadMailApiFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task In_production_swagger_is_off_and_the_root_opens_the_dashboard()
    {
        using var factory = new ConfiguredApiFactory(ConfiguredApiFactory.Entra) { EnvironmentName = "Production" };
        using var anonymous = Anonymous(factory);

        // Like any address the host does not serve, it asks an anonymous caller to sign in.
        foreach (var url in new[] { "/swagger/index.html", "/swagger/v1/swagger.json" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("openapi", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        var root = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/dashboard", root.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Swagger_enabled_turns_it_on_in_production()
    {
        using var factory = new ConfiguredApiFactory(new Dictionary<string, string?>(ConfiguredApiFactory.Entra) { ["Swagger:Enabled"] = "true" })
        {
            EnvironmentName = "Production",
        };
        using var anonymous = Anonymous(factory);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/swagger/v1/swagger.json")).StatusCode);
        Assert.Equal("/swagger", (await anonymous.GetAsync("/")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Swagger_enabled_false_turns_it_off_in_development()
    {
        using var factory = new ConfiguredApiFactory(new Dictionary<string, string?> { ["Swagger:Enabled"] = "false" });
        using var anonymous = Anonymous(factory);
        using var signedIn = factory.ClientFor("swagger.off@contoso.com");

        Assert.Equal(HttpStatusCode.NotFound, (await signedIn.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await signedIn.GetAsync("/swagger/v1/swagger.json")).StatusCode);
        Assert.Equal("/dashboard", (await anonymous.GetAsync("/")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task In_development_the_root_opens_swagger()
    {
        using var factory = new LeadMailApiFactory();
        using var anonymous = Anonymous(factory);

        var root = await anonymous.GetAsync("/");

        Assert.Equal("/swagger", root.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/swagger/index.html")).StatusCode);
    }
}
