using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LeadMail.Api.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadMail.Addin.Tests;

/// <summary>
/// The real API on Kestrel at 127.0.0.1 (a free port) over its own SQLite file with Local-mode tokens,
/// serving the built pane under /addin, and Debian's Chromium to drive it. One per test class.
/// </summary>
public sealed class PaneFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly string[] ChromiumFlags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "leadmail-addin-tests", Guid.NewGuid().ToString("N"));
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private IPlaywright? _playwright;

    public PaneFixture()
    {
        Directory.CreateDirectory(_directory);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public Uri Root { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:LeadMail", $"Data Source={Path.Combine(_directory, "leadmail.db")}");
        builder.UseSetting("Auth:Mode", "Local");
        builder.UseSetting("Auth:Local:SigningKey", _signingKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public async Task InitializeAsync()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Root = new Uri(address.TrimEnd('/') + "/");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A real Local-mode token from the API's own issuer, validated like any other.</summary>
    public string TokenFor(string email, bool manager = false, string? name = null) =>
        Services.GetRequiredService<LocalTokenIssuer>().Mint(email, manager, name);

    /// <summary>An HttpClient to the Kestrel server, signed in as the given user: how tests arrange data.</summary>
    public HttpClient ApiAs(string email, string? name = null)
    {
        var client = new HttpClient { BaseAddress = Root };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(email, name: name));
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS temp cleaner rather than failing the run.
        }
    }
}

/// <summary>Arranging data through the API itself, asserting each step so a failure names it.</summary>
public static class Arrange
{
    public static async Task<JsonElement> SendAsync(this HttpClient api, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = JsonContent.Create(body, options: PaneFixture.Json,
                mediaType: new MediaTypeHeaderValue(method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json"));
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> AddLeadAsync(this HttpClient api, object lead) => api.SendAsync(HttpMethod.Post, "api/contacts", lead);

    public static Task<JsonElement> GetJsonAsync(this HttpClient api, string url) => api.SendAsync(HttpMethod.Get, url);

    public static Task<JsonElement> LogCallAsync(this HttpClient api, int contactId, string outcome = "noAnswer") =>
        api.SendAsync(HttpMethod.Post, $"api/contacts/{contactId}/interactions", new { channel = "call", outcome });

    public static int Id(this JsonElement contact) => contact.GetProperty("id").GetInt32();
}
