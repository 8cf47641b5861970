using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>
/// Every console page, in the light and the dark theme, checked by axe against WCAG 2.1 A and AA (names, labels,
/// contrast, structure), reached from the keyboard, and every chart with its figures as a table.
/// </summary>
public sealed class ConsoleAccessibilityTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    private static readonly string ScreenshotDirectory = Path.GetFullPath(Path.Combine(TaskPane.ScreenshotDirectory, "..", "console-screenshots"));

    private static readonly string[] Pages = ["Charts", "Import", "Reps and sync", "Routing", "Call list", "Consent and revisions", "Duplicates"];

    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>
    /// Fluent UI's focus manager (tabster) puts hidden, focusable sentinels at the page's edges that hand focus on
    /// and never hold it; axe reads them as focusable hidden content, so they are left out of the check.
    /// </summary>
    private static readonly AxeRunContext Page = new() { Exclude = [new AxeSelector("[data-tabster-dummy]")] };

    /// <summary>A manager with something on every page: leads from a source, one won, a likely duplicate pair.</summary>
    private async Task<(string Token, string Tag, string Period)> SeedAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var token = host.TokenFor($"ally.{tag}@contoso.com", manager: true, name: "Ally Manager");
        var rep = host.ApiAs($"axel.{tag}@contoso.com", $"Axel {tag}");
        var start = host.Clock.GetUtcNow();
        var won = await rep.AddLeadAsync(new { firstName = "Wanda", lastName = $"Won{tag}", company = $"Contoso {tag}", source = "Fair", email = $"wanda.{tag}@fabrikam.example" });
        await rep.AddLeadAsync(new { firstName = "Ada", lastName = $"Dup{tag}", company = $"Fabrikam {tag}", source = "Web", email = $"ada.{tag}@fabrikam.example" });
        await rep.AddLeadAsync(new { firstName = "ada", lastName = $"dup{tag}", company = $"fabrikam {tag}", source = "Web", email = $"ada.l.{tag}@fabrikam.example" });
        host.Clock.Advance(TimeSpan.FromHours(30));
        foreach (var stage in new[] { "marketingQualified", "salesQualified", "proposal", "agreement", "won" })
            await rep.SendAsync(HttpMethod.Post, $"api/contacts/{won.Id()}/stage", new { stage });
        await rep.LogCallAsync(won.Id(), "connected");
        return (token, tag, $"from={start.AddDays(-1):yyyy-MM-dd}&to={host.Clock.GetUtcNow().AddDays(1):yyyy-MM-dd}&granularity=week");
    }

    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> OpenAsync(string token, string period, bool dark)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
            TimezoneId = "Europe/Berlin",
        });
        await context.AddInitScriptAsync($"sessionStorage.setItem('leadmail.token', {JsonSerializer.Serialize(token)});");
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(host.Root, $"dashboard?{period}").ToString());
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        return (context, page, errors);
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        output.WriteLine("Screenshot: " + path);
    }

    /// <summary>What axe finds wrong on the page as it is now, one line per rule and element.</summary>
    private static async Task<List<string>> ViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe(Page, Wcag);
        return result.Violations
            .SelectMany(v => v.Nodes.Select(n => $"{where}: {v.Id} ({v.Help}) at {n.Target}: {n.Html}"))
            .ToList();
    }

    /// <summary>The page's content has arrived: no spinner left.</summary>
    private static Task SettledAsync(IPage page) => Expect(page.Locator(".fui-Spinner")).ToHaveCountAsync(0);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_page_passes_axe_in_both_themes_and_is_reached_from_the_keyboard(bool dark)
    {
        var (token, _, period) = await SeedAsync();
        var (context, page, errors) = await OpenAsync(token, period, dark);
        await using var session = context;
        var theme = dark ? "dark" : "light";

        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.fui-FluentProvider')).backgroundColor");
        var channels = background[(background.IndexOf('(') + 1)..background.IndexOf(')')].Split(',').Take(3).Select(v => int.Parse(v.Trim())).ToList();
        Assert.True(dark ? channels.All(v => v < 80) : channels.All(v => v > 200), $"The {theme} theme's background is {background}.");

        var violations = new List<string>();
        // The pages in order from the keyboard: focus the selected tab, then the arrow keys move and choose.
        await page.GetByRole(AriaRole.Tab, new() { Name = Pages[0], Exact = true }).FocusAsync();
        foreach (var (name, index) in Pages.Select((p, i) => (p, i)))
        {
            if (index > 0) await page.Keyboard.PressAsync("ArrowRight");
            var tab = page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true });
            await Expect(tab).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
            await SettledAsync(page);
            // Folded tables are opened so axe checks them too.
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => (d.open = true))");
            violations.AddRange(await ViolationsAsync(page, $"{name} ({theme})"));
            await tab.FocusAsync();
        }

        Assert.True(violations.Count == 0, $"{violations.Count} accessibility violations:\n{string.Join('\n', violations)}");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Every_chart_has_its_figures_in_a_table_beside_it()
    {
        var (token, _, period) = await SeedAsync();
        var (context, page, errors) = await OpenAsync(token, period, dark: false);
        await using var session = context;
        await SettledAsync(page);

        var charts = await page.Locator("canvas").AllAsync();
        Assert.True(charts.Count >= 5, $"Only {charts.Count} charts on the charts page.");
        foreach (var chart in charts)
        {
            // A chart is an image with a name, inside a card that holds the same figures as a table.
            await Expect(chart).ToHaveAttributeAsync("role", "img");
            Assert.False(string.IsNullOrWhiteSpace(await chart.GetAttributeAsync("aria-label")), "A chart without a name.");
            var card = page.Locator("section").Filter(new() { Has = page.Locator($"canvas[aria-label=\"{await chart.GetAttributeAsync("aria-label")}\"]") }).Last;
            await Expect(card.Locator("details table")).Not.ToHaveCountAsync(0);
        }
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_import_duplicates_and_conversion_pages_in_the_dark_theme()
    {
        var (token, tag, period) = await SeedAsync();
        var (context, page, errors) = await OpenAsync(token, period, dark: true);
        await using var session = context;

        await SettledAsync(page);
        var conversion = page.GetByTestId("conversion-source");
        await conversion.ScrollIntoViewIfNeededAsync();
        await conversion.GetByText("Show the figures as a table").ClickAsync();
        await Expect(conversion.GetByTestId("conversion-source-table")).ToContainTextAsync("Fair");
        Directory.CreateDirectory(ScreenshotDirectory);
        await conversion.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "31-conversion-dark.png"), Animations = ScreenshotAnimations.Disabled });
        output.WriteLine("Screenshot: " + Path.Combine(ScreenshotDirectory, "31-conversion-dark.png"));

        await page.GetByRole(AriaRole.Tab, new() { Name = "Import", Exact = true }).ClickAsync();
        var csv = $"Vorname;Nachname;E-Mail-Adresse;Firma;Lieblingsfarbe\r\nJürgen;Müller{tag};j.{tag}@example.de;Müller & Söhne;Blau\r\n;;kein-name;;Rot\r\n";
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "kontakte.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Vorname" })).ToHaveValueAsync("firstName");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.GetByTestId("preview-error")).ToHaveTextAsync("1");
        await ScreenshotAsync(page, "30-import-dark");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Duplicates", Exact = true }).ClickAsync();
        var group = page.GetByRole(AriaRole.Group).Filter(new() { HasText = $"dup{tag}" });
        await Expect(group.Locator("tbody tr")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "32-duplicates-dark");
        Assert.Empty(errors);
    }
}
