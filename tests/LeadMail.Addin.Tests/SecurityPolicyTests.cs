using System.Reflection;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>
/// The pane, the dashboard and Swagger UI in Chromium under the Content-Security-Policy the API sends: each still
/// works, and the browser reports no violation (no securitypolicyviolation event, no "Refused to …" console error).
/// </summary>
public sealed class SecurityPolicyTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    private static readonly string ScreenshotDirectory = Path.GetFullPath(Path.Combine(TaskPane.ScreenshotDirectory, "..", "security-policy-screenshots"));

    // Registered before any of the page's own scripts, so a violation while loading is caught too.
    private const string RecordViolations =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' blocked ' + e.blockedURI));";

    private sealed record Session(IBrowserContext Context, IPage Page, List<string> ConsoleErrors, List<string> PageErrors) : IAsyncDisposable
    {
        public async Task AssertNoViolationsAsync()
        {
            var violations = await Page.EvaluateAsync<string[]>("() => window.__cspViolations");
            Assert.Empty(violations);
            Assert.DoesNotContain(ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || e.StartsWith("Refused to", StringComparison.Ordinal));
            Assert.Empty(PageErrors);
        }

        public async ValueTask DisposeAsync() => await Context.CloseAsync();
    }

    private async Task<Session> OpenAsync(string? token, ViewportSize viewport, Func<IBrowserContext, Task>? arrange = null)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport, AcceptDownloads = true });
        await context.AddInitScriptAsync(RecordViolations);
        if (token is not null) await context.AddInitScriptAsync($"sessionStorage.setItem('leadmail.token', {JsonSerializer.Serialize(token)});");
        if (arrange is not null) await arrange(context);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") console.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        return new Session(context, page, console, errors);
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("Screenshot: " + path);
    }

    private static string OfficeMock()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OfficeMock.js")!;
        return new StreamReader(stream).ReadToEnd().Trim().TrimEnd(';');
    }

    [Fact]
    public async Task The_pane_shows_a_lead_and_logs_the_email_under_its_policy()
    {
        var email = $"csp.rep.{Guid.NewGuid():N}@contoso.com";
        var api = host.ApiAs(email, "Cora Rep");
        var leadEmail = $"csp.lead.{Guid.NewGuid():N}@fabrikam.example";
        await api.AddLeadAsync(new { firstName = "Grace", lastName = "Hopper", email = leadEmail, company = "Compilers Inc" });
        var item = new MailItem
        {
            From = new Person(leadEmail, "Grace Hopper"),
            To = [new Person(email, "Cora Rep")],
            Subject = "Compilers",
            InternetMessageId = $"<{Guid.NewGuid():N}@fabrikam.example>",
        };

        await using var session = await OpenAsync(host.TokenFor(email, name: "Cora Rep"), new ViewportSize { Width = 360, Height = 860 }, async context =>
        {
            // Office.js from Microsoft's CDN, allowed by the policy's script-src, answered here by the mock below.
            await context.RouteAsync("https://appsforoffice.microsoft.com/**",
                route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/javascript", Body = "" }));
            await context.AddInitScriptAsync($"({OfficeMock()})({JsonSerializer.Serialize(new { me = email, item }, PaneFixture.Json)});");
        });
        var page = session.Page;
        var response = await page.GotoAsync(new Uri(host.Root, "addin/taskpane.html").ToString());

        Assert.Contains("frame-ancestors", response!.Headers["content-security-policy"]);
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        var card = page.GetByTestId($"participant-{leadEmail}");
        await Expect(card).ToContainTextAsync("Grace Hopper");
        await Expect(card).ToContainTextAsync("Compilers Inc");
        await Expect(card.GetByTestId("message-logged")).ToHaveTextAsync("Not logged yet");
        await ScreenshotAsync(page, "01-pane");
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task The_dashboard_draws_its_charts_and_downloads_a_CSV_under_its_policy()
    {
        var manager = $"csp.manager.{Guid.NewGuid():N}@contoso.com";
        var rep = $"csp.rep.{Guid.NewGuid():N}@contoso.com";
        await host.ApiAs(rep, "Dana Rep").AddLeadAsync(new { firstName = "Alan", lastName = "Turing", email = $"alan.{Guid.NewGuid():N}@fabrikam.example", source = "Webinar" });
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");

        await using var session = await OpenAsync(host.TokenFor(manager, manager: true, name: "Mo Manager"), new ViewportSize { Width = 1280, Height = 900 });
        var page = session.Page;
        var response = await page.GotoAsync(new Uri(host.Root, $"dashboard?from={today}&to={today}&granularity=day").ToString());

        Assert.Equal(200, response!.Status);
        Assert.Contains("script-src 'self'", response.Headers["content-security-policy"]);
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        Assert.True(int.Parse((await page.GetByTestId("new-leads-sum").TextContentAsync())!.Trim()) >= 1);
        await Expect(page.Locator("canvas").First).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download CSV: New leads by source" }).ClickAsync());
        Assert.StartsWith("leadmail-new-leads-", download.SuggestedFilename);
        Assert.StartsWith("start,end,total", (await File.ReadAllTextAsync((await download.PathAsync())!)).TrimStart('\uFEFF'));
        await ScreenshotAsync(page, "02-dashboard");
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Swagger_UI_lists_the_operations_under_its_policy()
    {
        await using var session = await OpenAsync(null, new ViewportSize { Width = 1280, Height = 900 });
        var page = session.Page;
        var response = await page.GotoAsync(new Uri(host.Root, "swagger/index.html").ToString());

        Assert.Equal(200, response!.Status);
        Assert.Contains("frame-ancestors 'none'", response.Headers["content-security-policy"]);
        await Expect(page.Locator(".opblock").First).ToBeVisibleAsync();
        await page.Locator(".opblock-summary").First.ClickAsync();
        await Expect(page.Locator(".opblock-body").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "03-swagger");
        await session.AssertNoViolationsAsync();
    }

    [Theory]
    [InlineData("addin/taskpane.html")]
    [InlineData("dashboard")]
    public async Task A_page_that_is_not_Outlook_cannot_frame_the_pages(string path)
    {
        // Both sides on public names (the API's real answers, headers and all, proxied), so only the policy decides.
        const string App = "http://leadmail.example/";
        var target = App + path;
        await using var session = await OpenAsync(null, new ViewportSize { Width = 800, Height = 600 }, async context =>
        {
            await context.RouteAsync(App + "**", async route =>
            {
                var real = await route.FetchAsync(new() { Url = new Uri(host.Root, new Uri(route.Request.Url).PathAndQuery.TrimStart('/')).ToString() });
                await route.FulfillAsync(new() { Response = real });
            });
            await context.RouteAsync("http://framing.example/**", route => route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 200,
                ContentType = "text/html",
                Body = $"<!doctype html><iframe src=\"{target}\" width=\"400\" height=\"400\"></iframe>",
            }));
        });
        var page = session.Page;
        var refused = page.WaitForConsoleMessageAsync(new() { Predicate = m => m.Text.Contains("frame-ancestors", StringComparison.Ordinal), Timeout = 15_000 });

        await page.GotoAsync("http://framing.example/");

        output.WriteLine((await refused).Text);
        var frame = page.Frames.Single(f => f != page.MainFrame);
        Assert.Equal(0, await frame.Locator("#root").CountAsync());
    }
}
