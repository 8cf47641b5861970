using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>
/// The console's duplicates page and routing preview in headless Chromium against the real API: leads and rules
/// are arranged through the API, and what the page merges or predicts is checked there.
/// </summary>
public sealed class DuplicatesPageTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    private static readonly string ScreenshotDirectory = Path.GetFullPath(Path.Combine(TaskPane.ScreenshotDirectory, "..", "console-screenshots"));

    private HttpClient Api(string token)
    {
        var client = new HttpClient { BaseAddress = host.Root };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> OpenAsync(string token, string tab)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            TimezoneId = "Europe/Berlin",
        });
        await context.AddInitScriptAsync($"sessionStorage.setItem('leadmail.token', {JsonSerializer.Serialize(token)});");
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error") errors.Add(m.Text);
        };
        // A native confirm() would fail the test: the page must ask in the page.
        page.Dialog += (_, d) => errors.Add($"native dialog: {d.Message}");
        var response = await page.GotoAsync(new Uri(host.Root, "dashboard").ToString());
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true }).ClickAsync();
        return (context, page, errors);
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        output.WriteLine("Screenshot: " + path);
    }

    [Fact]
    public async Task Two_duplicate_leads_merged_on_the_page_leave_the_oldest_with_both_addresses()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var token = host.TokenFor($"mona.{tag}@contoso.com", manager: true, name: "Mona Manager");
        var api = Api(token);
        var rep = host.ApiAs($"rosa.{tag}@contoso.com", $"Rosa {tag}");
        var older = await rep.AddLeadAsync(new { firstName = "Ada", lastName = $"Dup{tag}", company = $"Fabrikam {tag}", email = $"ada.{tag}@fabrikam.example" });
        host.Clock.Advance(TimeSpan.FromHours(2));
        var newer = await rep.AddLeadAsync(new { firstName = "ada", lastName = $"dup{tag}", company = $"fabrikam {tag} ", email = $"ada.lovelace.{tag}@fabrikam.example" });
        await rep.LogCallAsync(newer.Id());

        var (context, page, errors) = await OpenAsync(token, "Duplicates");
        await using var session = context;
        var group = page.GetByRole(AriaRole.Group, new() { Name = $"Same name and company: ada dup{tag} | fabrikam {tag}" });
        await Expect(group.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(group.Locator("tbody tr").Nth(1)).ToContainTextAsync($"ada.lovelace.{tag}@fabrikam.example");
        await Expect(group.Locator("tbody tr").Nth(1)).ToContainTextAsync($"Rosa {tag}");
        // The oldest stays by default, although the newer one has the touch.
        await Expect(group.GetByRole(AriaRole.Radio, new() { Name = $"Keep Ada Dup{tag} (#{older.Id()})" })).ToBeCheckedAsync();
        await ScreenshotAsync(page, "20-duplicates-group");

        await group.GetByRole(AriaRole.Button, new() { Name = $"Merge into Ada Dup{tag} (#{older.Id()})" }).ClickAsync();
        await Expect(group.GetByTestId("merge-confirmation")).ToContainTextAsync("This cannot be undone");
        await ScreenshotAsync(page, "21-duplicates-confirm");
        // Nothing is merged until the manager says yes.
        await api.GetJsonAsync($"api/contacts/{newer.Id()}");
        await group.GetByRole(AriaRole.Button, new() { Name = "Yes, merge" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Merged" })).ToContainTextAsync($"into Ada Dup{tag} (#{older.Id()})");
        await Expect(group).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("merges-table")).ToContainTextAsync($"ada.lovelace.{tag}@fabrikam.example");
        await ScreenshotAsync(page, "22-duplicates-merged");

        using (var gone = await api.GetAsync($"api/contacts/{newer.Id()}")) Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var found = await api.GetJsonAsync($"api/contacts/lookup?email={Uri.EscapeDataString($"ada.lovelace.{tag}@fabrikam.example")}");
        Assert.Equal(older.Id(), found.GetProperty("contact").Id());
        Assert.Equal(1, found.GetProperty("contact").GetProperty("touchesTotal").GetInt32());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_merge_the_API_refuses_is_said_in_words_on_the_page()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var token = host.TokenFor($"mona.{tag}@contoso.com", manager: true, name: "Mona Manager");
        var api = Api(token);
        var older = await api.AddLeadAsync(new { firstName = "Bea", lastName = $"Gone{tag}", company = $"Contoso {tag}", email = $"bea.{tag}@contoso.example" });
        var newer = await api.AddLeadAsync(new { firstName = "Bea", lastName = $"Gone{tag}", company = $"Contoso {tag}", email = $"bea2.{tag}@contoso.example" });
        var (context, page, errors) = await OpenAsync(token, "Duplicates");
        await using var session = context;
        var group = page.GetByRole(AriaRole.Group, new() { Name = $"Same name and company: bea gone{tag} | contoso {tag}" });
        await Expect(group.Locator("tbody tr")).ToHaveCountAsync(2);

        // A colleague deletes the duplicate while the page shows it.
        using (var deleted = await api.DeleteAsync($"api/contacts/{newer.Id()}")) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await group.GetByRole(AriaRole.Button, new() { Name = $"Merge into Bea Gone{tag} (#{older.Id()})" }).ClickAsync();
        await group.GetByRole(AriaRole.Button, new() { Name = "Yes, merge" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"The merge into Bea Gone{tag} (#{older.Id()}) was refused: Contact not found");
        await ScreenshotAsync(page, "23-duplicates-refused");
        await api.GetJsonAsync($"api/contacts/{older.Id()}");
        // The browser logs the refused request itself; nothing else went wrong.
        Assert.All(errors, e => Assert.Contains("404", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_routing_preview_on_the_page_names_the_rep_a_real_create_then_gets()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var token = host.TokenFor($"mona.{tag}@contoso.com", manager: true, name: "Mona Manager");
        var api = Api(token);
        var sam = await host.ApiAs($"sam.{tag}@contoso.com", $"Sam {tag}").GetJsonAsync("api/me");
        var rita = await host.ApiAs($"rita.{tag}@contoso.com", $"Rita {tag}").GetJsonAsync("api/me");
        await api.SendAsync(HttpMethod.Put, $"api/rep-groups/Team {tag}", new { repIds = new[] { sam.Id(), rita.Id() } });
        var source = $"Fair {tag}";
        await api.SendAsync(HttpMethod.Post, "api/assignment-rules", new { name = $"Fair {tag} to the team", source, group = $"Team {tag}" });

        var (context, page, errors) = await OpenAsync(token, "Routing");
        await using var session = context;
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Routing preview" });
        await form.GetByLabel("Lead source").FillAsync(source);
        await form.GetByRole(AriaRole.Button, new() { Name = "Try the rules" }).ClickAsync();
        await Expect(page.GetByTestId("routing-preview-answer")).ToHaveTextAsync($"Rule \"Fair {tag} to the team\" matches: the lead would go to Sam {tag} (next in group Team {tag}).");
        await ScreenshotAsync(page, "24-routing-preview");

        var created = await api.AddLeadAsync(new { firstName = "Routed", lastName = tag, email = $"routed.{tag}@example.com", source });
        Assert.Equal(sam.Id(), created.GetProperty("ownerId").GetInt32());

        // Sam took the turn: the same question now names Rita.
        await form.GetByRole(AriaRole.Button, new() { Name = "Try the rules" }).ClickAsync();
        await Expect(page.GetByTestId("routing-preview-answer")).ToContainTextAsync($"would go to Rita {tag}");

        await form.GetByLabel("Lead source").FillAsync($"Nowhere {tag}");
        await form.GetByRole(AriaRole.Button, new() { Name = "Try the rules" }).ClickAsync();
        await Expect(page.GetByTestId("routing-preview-answer")).ToContainTextAsync("No rule matches");
        await ScreenshotAsync(page, "25-routing-preview-no-match");
        Assert.Empty(errors);
    }
}
