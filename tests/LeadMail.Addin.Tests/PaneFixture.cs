using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LeadMail.Testing;
using Microsoft.Playwright;

namespace LeadMail.Addin.Tests;

/// <summary>
/// The shared <see cref="LeadMailHost"/> on Kestrel at 127.0.0.1 (a free port), serving the built pane under
/// /addin, and Debian's Chromium to drive it. One per test class.
/// </summary>
public sealed class PaneFixture : LeadMailHost, IAsyncLifetime
{
    private static readonly string[] ChromiumFlags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? _playwright;

    public Uri Root { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task InitializeAsync()
    {
        Root = StartOnLoopback();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A real Local-mode token, validated like any other.</summary>
    public new string TokenFor(string email, bool manager = false, string? name = null) => base.TokenFor(email, manager, name);

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
