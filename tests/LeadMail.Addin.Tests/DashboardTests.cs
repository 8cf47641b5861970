using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>
/// The managers' dashboard at /dashboard in headless Chromium against the real API: leads created over
/// several days through LeadIntake and touches through TouchIngest, in March 2026, read in Europe/Berlin.
/// Every figure the page shows is compared with the API's own JSON for the same query and with the count
/// the seed itself implies.
/// </summary>
public sealed class DashboardTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>, IAsyncLifetime
{
    private const string Zone = "Europe/Berlin";
    private const string Period = "from=2026-03-02&to=2026-03-29&granularity=week";
    private static readonly string[] Sources = ["Webinar", "Referral", "Trade fair"];
    private static readonly string ScreenshotDirectory = Path.GetFullPath(Path.Combine(TaskPane.ScreenshotDirectory, "..", "dashboard-screenshots"));
    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static Seed? _seed;

    private sealed record Lead(int Id, int OwnerId, DateTime CreatedAt, int Emails, bool Connects);

    private sealed record Seed(string ManagerToken, string RitaToken, int RitaId, int SamId, IReadOnlyList<Lead> Leads);

    private Seed Data => _seed!;

    public async Task InitializeAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            _seed ??= await SeedAsync();
        }
        finally
        {
            SeedLock.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Twelve leads two days apart from 2 March 10:00 UTC, owners alternating Rita and Sam, sources in turn;
    /// one more at 1 March 23:30 UTC, which is 2 March 00:30 in Berlin and so inside the period there.
    /// Each lead gets 1–3 outbound emails read from the mailbox (auto-logged), and two in every four a
    /// connected call logged by hand (so both reps have manual touches).
    /// </summary>
    private async Task<Seed> SeedAsync()
    {
        var ritaEmail = $"rita.{Guid.NewGuid():N}@contoso.com";
        var samEmail = $"sam.{Guid.NewGuid():N}@contoso.com";
        var rita = await host.ApiAs(ritaEmail, "Rita Rep").GetJsonAsync("api/me");
        var sam = await host.ApiAs(samEmail, "Sam Seller").GetJsonAsync("api/me");
        int ritaId = rita.Id(), samId = sam.Id();

        var times = Enumerable.Range(0, 12).Select(i => new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc).AddDays(2 * i))
            .Append(new DateTime(2026, 3, 1, 23, 30, 0, DateTimeKind.Utc)).ToList();
        var leads = new List<Lead>();
        for (var i = 0; i < times.Count; i++)
        {
            var owner = i % 2 == 0 ? ritaId : samId;
            var contact = new Contact
            {
                FirstName = "Lead",
                LastName = $"Number {i}",
                Source = Sources[i % Sources.Length],
                OwnerId = owner,
                Emails = [new ContactEmail { Address = $"lead{i}.{Guid.NewGuid():N}@fabrikam.example" }],
            };
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
            var added = await new LeadIntake(db, new FakeTimeProvider(new DateTimeOffset(times[i]))).AddAsync(contact, owner, owner, default);
            leads.Add(new Lead(added.Id, owner, times[i], i % 3 + 1, i % 4 < 2));
        }

        var touches = leads.SelectMany(l =>
            Enumerable.Range(1, l.Emails)
                .Select(k => new Touch(l.Id, l.OwnerId, Channel.Email, Direction.Outbound, l.CreatedAt.AddHours(k), $"<{Guid.NewGuid():N}@contoso.com>", Origin.Sync, Subject: "Hello"))
                .Concat(l.Connects
                    ? [new Touch(l.Id, l.OwnerId, Channel.Call, Direction.Outbound, l.CreatedAt.AddHours(5), $"call-{Guid.NewGuid():N}", Origin.Addin, Outcome.Connected)]
                    : []))
            .ToList();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TouchIngest>().RecordAsync(touches, KnownTouchPolicy.Keep, default);

        var manager = $"mona.{Guid.NewGuid():N}@contoso.com";
        return new Seed(host.TokenFor(manager, manager: true, name: "Mona Manager"), host.TokenFor(ritaEmail, name: "Rita Rep"), ritaId, samId, leads);
    }

    private HttpClient Api(string token)
    {
        var client = new HttpClient { BaseAddress = host.Root };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Report(string name, string query) => $"api/reports/{name}?{query}&tz={Uri.EscapeDataString(Zone)}";

    private async Task<(IBrowserContext Context, IPage Page, List<string> ReportCalls, List<string> Errors)> OpenAsync(string? token, string query, bool dark = false)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
            TimezoneId = Zone,
            AcceptDownloads = true,
        });
        if (token is not null) await context.AddInitScriptAsync($"sessionStorage.setItem('leadmail.token', {JsonSerializer.Serialize(token)});");
        var page = await context.NewPageAsync();
        var calls = new List<string>();
        var errors = new List<string>();
        page.Request += (_, r) =>
        {
            if (r.Url.Contains("/api/reports/", StringComparison.Ordinal)) calls.Add(r.Url);
        };
        page.PageError += (_, e) => errors.Add(e);
        var response = await page.GotoAsync(new Uri(host.Root, $"dashboard?{query}").ToString());
        Assert.Equal(200, response!.Status);
        return (context, page, calls, errors);
    }

    private static Task ReadyAsync(IPage page) => Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);

    private static async Task<int> FigureAsync(IPage page, string testId) =>
        int.Parse((await page.GetByTestId(testId).TextContentAsync())!.Replace(",", "").Replace(".", "").Trim());

    private static int TouchTotal(JsonElement touches) =>
        touches.GetProperty("data").GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("total").GetInt32());

    private async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("Screenshot: " + path);
        return path;
    }

    [Fact]
    public async Task A_manager_sees_the_teams_charts_with_the_APIs_totals_and_the_period_picker_reloads_them()
    {
        var api = Api(Data.ManagerToken);
        var (context, page, calls, errors) = await OpenAsync(Data.ManagerToken, Period);
        await using var session = context;
        await ReadyAsync(page);

        var newLeads = await api.GetJsonAsync(Report("new-leads", Period));
        var touches = await api.GetJsonAsync(Report("touches", Period));
        var seededTouches = Data.Leads.Sum(l => l.Emails + (l.Connects ? 1 : 0));
        // All 13 count in Berlin's March days, the 23:30 UTC one included.
        Assert.Equal(13, newLeads.GetProperty("data").GetProperty("total").GetInt32());
        Assert.Equal(13, await FigureAsync(page, "new-leads-sum"));
        Assert.Equal(seededTouches, TouchTotal(touches));
        Assert.Equal(seededTouches, await FigureAsync(page, "touches-sum"));
        Assert.Equal(Data.Leads.Count(l => l.Connects), touches.GetProperty("data").GetProperty("beforeConnect").GetProperty("contacts").GetInt32());
        Assert.Equal(Data.Leads.Count(l => l.Connects), await FigureAsync(page, "before-connect-sum"));

        // The accessible tables: one row per week, each source's total in the footer as the API counts it.
        var table = page.GetByTestId("new-leads-table");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(4);
        var totals = newLeads.GetProperty("data").GetProperty("totalsBySource").EnumerateArray()
            .ToDictionary(s => s.GetProperty("source").GetString()!, s => s.GetProperty("count").GetInt32());
        foreach (var (source, count) in totals)
        {
            Assert.Equal(Enumerable.Range(0, Data.Leads.Count).Count(i => Sources[i % Sources.Length] == source), count);
            var column = await table.Locator("thead th").AllTextContentsAsync();
            var index = column.ToList().IndexOf(source);
            await Expect(table.GetByTestId($"new-leads-table-total-{index}")).ToHaveTextAsync(count.ToString());
        }
        var autoLogged = Data.Leads.Sum(l => l.Emails);
        await Expect(page.GetByTestId("touches-table").GetByTestId("touches-table-total-2")).ToHaveTextAsync(autoLogged.ToString());
        await Expect(page.GetByTestId("touches-table").GetByTestId("touches-table-total-3")).ToHaveTextAsync(Data.Leads.Count(l => l.Connects).ToString());
        await Expect(page.GetByTestId("touches-table").Locator("tbody")).ToContainTextAsync("Rita Rep");
        await Expect(page.GetByTestId("touches-table").Locator("tbody")).ToContainTextAsync("Sam Seller");
        await Expect(page.GetByTestId("new-leads-chart")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(": 13 in the period"));
        await Expect(page.GetByTestId("new-leads-chart")).ToHaveAttributeAsync("aria-describedby", "new-leads-table");

        // Every report was asked in the browser's zone, team-wide.
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.Contains("tz=Europe%2FBerlin", c));
        Assert.All(calls, c => Assert.Contains("owner=all", c));
        await ScreenshotAsync(page, "01-manager-light");

        // The period picker: the second half of March only.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "From", Exact = true }).FillAsync("2026-03-16");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("from=2026-03-16"));
        await ReadyAsync(page);
        var later = await api.GetJsonAsync(Report("new-leads", "from=2026-03-16&to=2026-03-29&granularity=week"));
        var expected = Data.Leads.Count(l => l.CreatedAt >= new DateTime(2026, 3, 15, 23, 0, 0, DateTimeKind.Utc));
        Assert.Equal(expected, later.GetProperty("data").GetProperty("total").GetInt32());
        await Expect(page.GetByTestId("new-leads-sum")).ToHaveTextAsync(expected.ToString());
        await Expect(page.GetByTestId("new-leads-table").Locator("tbody tr")).ToHaveCountAsync(2);
        Assert.Contains(calls, c => c.Contains("from=2026-03-16", StringComparison.Ordinal));
        var cutoff = new DateTime(2026, 3, 15, 23, 0, 0, DateTimeKind.Utc);

        // The source filter.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Source" }).SelectOptionAsync("Webinar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var webinars = Enumerable.Range(0, Data.Leads.Count).Count(i => Sources[i % Sources.Length] == "Webinar" && Data.Leads[i].CreatedAt >= cutoff);
        await Expect(page.GetByTestId("new-leads-sum")).ToHaveTextAsync(webinars.ToString());
        Assert.Equal(webinars, (await api.GetJsonAsync(Report("new-leads", "from=2026-03-16&to=2026-03-29&granularity=week&source=Webinar")))
            .GetProperty("data").GetProperty("total").GetInt32());

        // The owner filter, applied from the keyboard: Enter in a field submits the form.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Source" }).SelectOptionAsync("");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Owner" }).SelectOptionAsync(new SelectOptionValue { Label = "Rita Rep" });
        await page.GetByRole(AriaRole.Textbox, new() { Name = "To", Exact = true }).PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"owner={Data.RitaId}"));
        var ritas = Data.Leads.Where(l => l.OwnerId == Data.RitaId && l.CreatedAt >= cutoff).Sum(l => l.Emails + (l.Connects ? 1 : 0));
        await Expect(page.GetByTestId("touches-sum")).ToHaveTextAsync(ritas.ToString());
        Assert.Equal(ritas, TouchTotal(await api.GetJsonAsync(Report("touches", $"from=2026-03-16&to=2026-03-29&granularity=week&owner={Data.RitaId}"))));
        await Expect(page.GetByTestId("touches-table").Locator("tbody")).Not.ToContainTextAsync("Sam Seller");

        // The table behind a chart opens from the keyboard.
        var disclosure = page.GetByTestId("touches").GetByText("Show the figures as a table");
        await disclosure.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("touches-table")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Each_charts_CSV_download_is_the_reports_own_CSV()
    {
        var (context, page, _, _) = await OpenAsync(Data.ManagerToken, Period);
        await using var session = context;
        await ReadyAsync(page);
        var api = Api(Data.ManagerToken);

        foreach (var (title, report, table) in new[]
                 {
                     ("New leads by source", "new-leads", ""),
                     ("Touches per rep by channel", "touches", "&table=touches"),
                     ("Touches before connect", "touches", "&table=before-connect"),
                 })
        {
            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.GetByRole(AriaRole.Button, new() { Name = $"Download CSV: {title}" }).ClickAsync());
            var saved = await File.ReadAllBytesAsync((await download.PathAsync())!);

            using var response = await api.GetAsync(Report(report, Period) + "&format=csv" + table);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(await response.Content.ReadAsByteArrayAsync(), saved);
            Assert.Equal(response.Content.Headers.ContentDisposition!.FileName!.Trim('"'), download.SuggestedFilename);
            output.WriteLine($"{title}: {download.SuggestedFilename}, {saved.Length} bytes");
        }
        Assert.StartsWith("leadmail-new-leads-2026-03-02-to-2026-03-29", (await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download CSV: New leads by source" }).ClickAsync())).SuggestedFilename);
    }

    [Fact]
    public async Task The_dark_theme_follows_the_system_and_reports_the_server_lacks_are_shown_as_not_available()
    {
        var (context, page, _, errors) = await OpenAsync(Data.ManagerToken, Period, dark: true);
        await using var session = context;
        await ReadyAsync(page);
        await Expect(page.GetByTestId("new-leads-sum")).ToHaveTextAsync("13");
        var background = await page.Locator("main").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var rgb = background.Replace("rgb(", "").Replace(")", "").Split(',').Select(v => int.Parse(v.Trim())).ToArray();
        Assert.True(rgb.All(v => v < 80), $"The dark theme's background is dark, got {background}.");

        // A report this server does not have yet answers 404: a calm note in its card, not an error.
        // Once it has them (feat/reports2), the card's headline is the API's own figure.
        foreach (var (report, headline) in new[] { ("pipeline", "pipeline-sum"), ("follow-ups", "follow-ups-sum") })
        {
            using var probe = await Api(Data.ManagerToken).GetAsync(Report(report, Period));
            if (probe.StatusCode == HttpStatusCode.NotFound)
            {
                await Expect(page.GetByTestId($"{report}-unavailable")).ToHaveTextAsync("Not available yet: this server does not have this report.");
                await Expect(page.GetByTestId(report).GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
                output.WriteLine($"{report}: not on this server, shown as not available");
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
            var data = JsonDocument.Parse(await probe.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
            var expected = report == "pipeline"
                ? data.GetProperty("now").EnumerateArray().Sum(s => s.GetProperty("contacts").GetInt32())
                : data.GetProperty("total").GetProperty("due").GetInt32();
            if (report == "pipeline" || expected > 0) await Expect(page.GetByTestId(headline)).ToHaveTextAsync(expected.ToString());
        }
        await ScreenshotAsync(page, "02-manager-dark");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_rep_signs_in_with_a_pasted_token_and_sees_only_their_own_figures()
    {
        var (context, page, calls, errors) = await OpenAsync(token: null, Period);
        await using var session = context;
        await page.GetByLabel("Token").FillAsync(Data.RitaToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ReadyAsync(page);
        await Expect(page.GetByTestId("who")).ToContainTextAsync("Rita Rep · your own figures");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Owner" })).ToHaveCountAsync(0);

        var api = Api(Data.RitaToken);
        var own = Data.Leads.Where(l => l.OwnerId == Data.RitaId).ToList();
        var newLeads = await api.GetJsonAsync(Report("new-leads", Period));
        var touches = await api.GetJsonAsync(Report("touches", Period));
        Assert.Equal(own.Count, newLeads.GetProperty("data").GetProperty("total").GetInt32());
        Assert.Equal(own.Sum(l => l.Emails + (l.Connects ? 1 : 0)), TouchTotal(touches));
        await Expect(page.GetByTestId("new-leads-sum")).ToHaveTextAsync(own.Count.ToString());
        await Expect(page.GetByTestId("touches-sum")).ToHaveTextAsync(TouchTotal(touches).ToString());
        await Expect(page.GetByTestId("touches-table").Locator("tbody")).Not.ToContainTextAsync("Sam Seller");
        Assert.True(own.Count < Data.Leads.Count, "The seed gives Sam leads too, so the rep's view is narrower than the team's.");

        // A rep's page never asks for team-wide figures: the API answers their own without an owner.
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.DoesNotContain("owner=", c));
        await ScreenshotAsync(page, "03-rep-light");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_API_error_is_shown_in_words_in_the_chart_it_affects()
    {
        const string backwards = "from=2026-03-29&to=2026-03-02&granularity=week";
        using var response = await Api(Data.ManagerToken).GetAsync(Report("new-leads", backwards));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("errors").GetProperty("to")[0].GetString()!;

        var (context, page, _, _) = await OpenAsync(Data.ManagerToken, backwards);
        await using var session = context;
        await ReadyAsync(page);
        var alert = page.GetByTestId("new-leads").GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Could not load this report");
        await Expect(alert).ToContainTextAsync(message);
        await Expect(page.GetByTestId("touches").GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        await ScreenshotAsync(page, "04-api-error");
    }

    [Fact]
    public async Task The_dashboard_page_is_anonymous_and_only_at_its_own_address()
    {
        using var anonymous = new HttpClient { BaseAddress = host.Root };
        using var page = await anonymous.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("/addin/assets/dashboard-", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("dashboard/anything")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Report("new-leads", Period))).StatusCode);
    }
}
