using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LeadMail.Addin.Tests;

/// <summary>In Entra mode the pane's sign-in and the served manifest come from the API's configuration alone.</summary>
public sealed class EntraConfigTests : IClassFixture<EntraConfigTests.EntraApi>
{
    private const string ClientId = "6e1b2c3d-4f50-4a6b-8c7d-9e0f1a2b3c4d";
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private readonly EntraApi _api;

    public EntraConfigTests(EntraApi api) => _api = api;

    public sealed class EntraApi : WebApplicationFactory<Program>
    {
        private readonly string _db = Path.Combine(Path.GetTempPath(), $"leadmail-entra-{Guid.NewGuid():N}.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:LeadMail", $"Data Source={_db}");
            builder.UseSetting("Auth:Mode", "EntraId");
            builder.UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/");
            builder.UseSetting("AzureAd:TenantId", TenantId);
            builder.UseSetting("AzureAd:ClientId", ClientId);
            builder.UseSetting("AzureAd:Audience", $"api://{ClientId}");
            builder.UseSetting("Addin:PublicOrigin", "https://leadmail.contoso.com");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(_db);
        }
    }

    [Fact]
    public async Task The_pane_is_told_to_sign_in_with_nested_app_authentication_for_the_API_scope()
    {
        var json = JsonDocument.Parse(await _api.CreateClient().GetStringAsync("/addin/config.json")).RootElement;
        Assert.Equal("entraId", json.GetProperty("authMode").GetString());
        Assert.Equal(ClientId, json.GetProperty("clientId").GetString());
        Assert.Equal($"https://login.microsoftonline.com/{TenantId}", json.GetProperty("authority").GetString());
        Assert.Equal([$"api://{ClientId}/access_as_user"], json.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task The_served_manifest_carries_the_public_host_and_the_client_id()
    {
        var xml = await _api.CreateClient().GetStringAsync("/addin/manifest.xml");
        var manifest = XDocument.Parse(xml);
        XNamespace overrides = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";
        var webApp = manifest.Descendants(overrides + "WebApplicationInfo").Single();
        Assert.Equal(ClientId, webApp.Element(overrides + "Id")!.Value);
        Assert.Equal($"api://leadmail.contoso.com/{ClientId}", webApp.Element(overrides + "Resource")!.Value);
        Assert.Contains("https://leadmail.contoso.com/addin/taskpane.html", xml);
        Assert.DoesNotContain("localhost", xml);
    }
}
