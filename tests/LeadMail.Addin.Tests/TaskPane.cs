using System.Reflection;
using System.Text.Json;
using Microsoft.Playwright;

namespace LeadMail.Addin.Tests;

/// <summary>An Outlook item as the Office mock presents it (see OfficeMock.js).</summary>
public sealed record MailItem
{
    public string Kind { get; init; } = "message";
    public string Mode { get; init; } = "read";
    public Person? From { get; init; }
    public Person[] To { get; init; } = [];
    public Person[] Cc { get; init; } = [];
    public Person[] Required { get; init; } = [];
    public Person[] Optional { get; init; } = [];
    public Person? Organizer { get; init; }
    public string? Subject { get; init; }
    public string? InternetMessageId { get; init; }
}

public sealed record Person(string Email, string? Name = null);

/// <summary>The task pane open in Chromium against the test API, with Office replaced by the mock mailbox.</summary>
public sealed class TaskPane : IAsyncDisposable
{
    private static readonly string OfficeMock = ReadMock();
    private readonly IBrowserContext _context;
    private readonly List<string> _pageErrors = [];

    public static readonly string ScreenshotDirectory = Path.Combine(ProjectDirectory(), "TestResults", "addin-screenshots");

    private TaskPane(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => _pageErrors.Add(error);
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/contacts/lookup", StringComparison.Ordinal)) Lookups.Add(new Uri(request.Url).Query);
            if (request.Url.Contains("/addin/assets/auth-entra", StringComparison.Ordinal)) EntraSignInLoaded = true;
        };
    }

    /// <summary>The query of every lookup the pane sent, in order.</summary>
    public List<string> Lookups { get; } = [];

    /// <summary>Whether the pane fetched its MSAL chunk, which only Entra mode needs.</summary>
    public bool EntraSignInLoaded { get; private set; }

    public IPage Page { get; }

    public static readonly string[] DarkTheme = ["#1f1f1f", "#ffffff"];

    /// <summary>Opens the pane as <paramref name="me"/> on <paramref name="item"/>; a null token leaves the rep to paste one.</summary>
    public static async Task<TaskPane> OpenAsync(PaneFixture host, string me, MailItem item, string? token, bool dark = false)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 860 },
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
        });
        // Office.js comes from Microsoft's CDN in Outlook; here the mock below takes its place.
        await context.RouteAsync("https://appsforoffice.microsoft.com/**",
            route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/javascript", Body = "" }));
        if (token is not null) await context.AddInitScriptAsync($"sessionStorage.setItem('leadmail.token', {JsonSerializer.Serialize(token)});");
        var config = new
        {
            me,
            item,
            theme = dark ? new { bodyBackgroundColor = DarkTheme[0], bodyForegroundColor = DarkTheme[1] } : null,
        };
        await context.AddInitScriptAsync($"({OfficeMock})({JsonSerializer.Serialize(config, PaneFixture.Json)});");

        var page = await context.NewPageAsync();
        var pane = new TaskPane(context, page);
        await page.GotoAsync(new Uri(host.Root, "addin/taskpane.html").ToString());
        return pane;
    }

    /// <summary>The expandable section of one participant.</summary>
    public ILocator Participant(string email) => Page.GetByTestId($"participant-{email}");

    /// <summary>What the rep sees once every lookup is answered.</summary>
    public Task ReadyAsync() => Assertions.Expect(Page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);

    public Task SelectItemAsync(MailItem item) =>
        Page.EvaluateAsync("json => window.__officeMock.selectItem(JSON.parse(json))", JsonSerializer.Serialize(item, PaneFixture.Json));

    public Task SetRecipientsAsync(string field, params Person[] people) =>
        Page.EvaluateAsync("([field, json]) => window.__officeMock.setRecipients(field, JSON.parse(json))",
            new object[] { field, JsonSerializer.Serialize(people, PaneFixture.Json) });

    /// <summary>Milliseconds from Office.onReady to the first useful paint, as the pane marks them.</summary>
    public Task<double> FirstUsefulPaintMsAsync() => Page.EvaluateAsync<double>(
        "() => performance.measure('first-useful-paint', 'leadmail:office-ready', 'leadmail:first-useful-paint').duration");

    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>A script error in the pane fails the test that caused it.</summary>
    public void AssertNoScriptErrors() => Assert.Empty(_pageErrors);

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private static string ReadMock()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OfficeMock.js")!;
        return new StreamReader(stream).ReadToEnd().Trim().TrimEnd(';');
    }

    private static string ProjectDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LeadMail.Addin.Tests.csproj"))) dir = dir.Parent;
        return dir?.FullName ?? AppContext.BaseDirectory;
    }

    public static string RepoRoot() => Path.GetFullPath(Path.Combine(ProjectDirectory(), "..", ".."));
}
