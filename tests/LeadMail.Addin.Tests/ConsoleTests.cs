using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>
/// The managers' console beside the dashboard's charts, in headless Chromium against the real API: each page's
/// data is arranged through the API, and what the page shows or changes is read back from the API.
/// </summary>
public sealed class ConsoleTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    private static readonly string ScreenshotDirectory = Path.GetFullPath(Path.Combine(TaskPane.ScreenshotDirectory, "..", "console-screenshots"));

    private string NewManager(out string email)
    {
        email = $"mona.{Guid.NewGuid():N}@contoso.com";
        return host.TokenFor(email, manager: true, name: "Mona Manager");
    }

    private HttpClient Api(string token)
    {
        var client = new HttpClient { BaseAddress = host.Root };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> OpenAsync(string token, string tab, bool dark = false)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
            TimezoneId = "Europe/Berlin",
            AcceptDownloads = true,
        });
        await context.AddInitScriptAsync($"sessionStorage.setItem('leadmail.token', {JsonSerializer.Serialize(token)});");
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error") errors.Add(m.Text);
        };
        var response = await page.GotoAsync(new Uri(host.Root, "dashboard").ToString());
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true }).ClickAsync();
        return (context, page, errors);
    }

    // Transitions finished first: a switch just re-enabled is otherwise caught mid-fade.
    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        output.WriteLine("Screenshot: " + path);
    }

    [Fact]
    public async Task A_manager_imports_a_CSV_through_the_page_with_a_mapping_a_default_source_and_downloads_the_errors()
    {
        var token = NewManager(out _);
        var api = Api(token);
        var tag = Guid.NewGuid().ToString("N")[..10];
        // Courriel is no header the API knows: the page maps it to email. Row 4 repeats row 2's address; row 5 has no email, name or company.
        var csv = $"Name;Company;Courriel;Notes\r\nAda Import{tag};Fabrikam {tag};ada.{tag}@import.example;\"met at the booth; keen\"\r\n" +
                  $"Bob Import{tag};Contoso {tag};bob.{tag}@import.example;\r\nAda Again{tag};Other {tag};ada.{tag}@import.example;\r\n;;;only a note\r\n";
        var (context, page, errors) = await OpenAsync(token, "Import");
        await using var session = context;

        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "fair.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Name" })).ToHaveValueAsync("fullName");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Courriel" })).ToHaveValueAsync("");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Courriel" }).SelectOptionAsync("email");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Default source" }).FillAsync("Trade fair Essen 2026");
        await page.GetByLabel("First met on").FillAsync("2026-03-14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Expect(page.GetByTestId("preview-create")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("preview-duplicate")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("preview-error")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("preview-update")).ToHaveTextAsync("0");
        var rows = page.GetByTestId("import-preview-rows").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.Nth(0)).ToContainTextAsync($"2create ada.{tag}@import.example".Replace(" ", ""));
        await Expect(rows.Nth(2)).ToContainTextAsync("duplicate");
        await Expect(rows.Nth(3)).ToContainTextAsync("5error");
        // Nothing is written by the preview.
        Assert.Equal(0, (await api.GetJsonAsync($"api/contacts?q={tag}")).GetProperty("items").GetArrayLength());
        await ScreenshotAsync(page, "01-import-preview-light");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import 2 rows" }).ClickAsync();
        await Expect(page.GetByTestId("result-created")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("result-updated")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("result-skipped")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("import-progress")).ToContainTextAsync("Imported 4 of 4 rows (completed)");
        await Expect(page.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "1");
        await ScreenshotAsync(page, "02-import-done-light");

        var leads = (await api.GetJsonAsync($"api/contacts?q={tag}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, leads.Count);
        Assert.All(leads, l => Assert.Equal("Trade fair Essen 2026", l.GetProperty("source").GetString()));
        Assert.All(leads, l => Assert.Equal("2026-03-14", l.GetProperty("firstMetOn").GetString()));
        Assert.Contains(leads, l => l.GetProperty("company").GetString() == $"Fabrikam {tag}");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the errors as CSV" }).ClickAsync());
        var saved = await File.ReadAllTextAsync((await download.PathAsync())!);
        var progress = await api.GetJsonAsync($"api/imports/{ImportId(download.SuggestedFilename)}");
        var error = progress.GetProperty("errors")[0];
        Assert.Equal(5, error.GetProperty("row").GetInt32());
        Assert.StartsWith("\uFEFFrow,field,message\r\n5,", saved);
        Assert.Contains(error.GetProperty("field").GetString()!, saved);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_vcard_file_shows_the_mapping_the_API_chose_and_a_column_left_out_is_not_imported()
    {
        var token = NewManager(out _);
        var api = Api(token);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"ada.{tag}@vcard.example";
        var vcf = $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace{tag};Ada;;;\r\nFN:Ada Lovelace{tag}\r\nORG:Engines {tag}\r\nEMAIL:{email}\r\n" +
                  "NOTE:Private: met at her club\r\nEND:VCARD\r\n";
        var (context, page, errors) = await OpenAsync(token, "Import");
        await using var session = context;

        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "contacts.vcf", MimeType = "text/vcard", Buffer = Encoding.UTF8.GetBytes(vcf) });
        var mapping = page.GetByTestId("import-mapping");
        await Expect(mapping).ToContainTextAsync("Columns of this vCard");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "email" })).ToHaveValueAsync("email");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "company" })).ToHaveValueAsync("company");
        await Expect(mapping).ToContainTextAsync($"e.g. Engines {tag}");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "background" }).SelectOptionAsync("");
        await Expect(mapping).ToContainTextAsync("Changed (automatic: background)");
        await ScreenshotAsync(page, "11-import-vcard-mapping-light");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.GetByTestId("preview-create")).ToHaveTextAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 1 rows" }).ClickAsync();
        await Expect(page.GetByTestId("result-created")).ToHaveTextAsync("1", new() { Timeout = 30_000 });

        var lead = (await api.GetJsonAsync($"api/contacts?q={tag}")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal($"Engines {tag}", lead.GetProperty("company").GetString());
        var full = await api.GetJsonAsync($"api/contacts/{lead.GetProperty("id").GetInt32()}");
        Assert.Equal(JsonValueKind.Null, full.GetProperty("background").ValueKind);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_file_the_API_cannot_read_says_why_as_soon_as_it_is_picked()
    {
        var (context, page, errors) = await OpenAsync(NewManager(out _), "Import");
        await using var session = context;
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "empty.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("Email,Company\r\n") });
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("no rows");
        await Expect(page.GetByTestId("import-mapping")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "12-import-unreadable-light");
        // The browser reports the 400 itself; nothing else may go wrong.
        Assert.All(errors, e => Assert.Contains("400", e));
    }

    [Fact]
    public async Task Conversion_by_source_and_by_month_shows_the_APIs_figures_and_downloads_its_CSV()
    {
        var token = NewManager(out _);
        var api = Api(token);
        var source = $"Fair {Guid.NewGuid():N}"[..13];
        var created = host.Clock.GetUtcNow();
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
            ids.Add((await api.AddLeadAsync(new { firstName = "Conv", lastName = $"Lead {i}", company = "Fabrikam", source, email = $"conv{i}.{Guid.NewGuid():N}@fabrikam.example" })).Id());
        // One of three is won a day and a half after it came in.
        host.Clock.Advance(TimeSpan.FromHours(36));
        foreach (var stage in new[] { "marketingQualified", "salesQualified", "proposal", "agreement", "won" })
            await api.SendAsync(HttpMethod.Post, $"api/contacts/{ids[0]}/stage", new { stage });

        var period = $"from={created.AddDays(-1):yyyy-MM-dd}&to={host.Clock.GetUtcNow().AddDays(1):yyyy-MM-dd}&granularity=week";
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, TimezoneId = "Europe/Berlin", AcceptDownloads = true });
        await using var session = context;
        await context.AddInitScriptAsync($"sessionStorage.setItem('leadmail.token', {JsonSerializer.Serialize(token)});");
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.Root, $"dashboard?{period}").ToString());

        foreach (var (by, granularity) in new[] { ("source", "week"), ("cohort", "month") })
        {
            var query = period.Replace("granularity=week", $"granularity={granularity}") + $"&by={by}&tz=Europe%2FBerlin&owner=all";
            var report = (await api.GetJsonAsync($"api/reports/conversion?{query}")).GetProperty("data");
            var card = page.GetByTestId($"conversion-{by}");
            await card.GetByText("Show the figures as a table").ClickAsync();
            var rows = card.GetByTestId($"conversion-{by}-table").Locator("tbody tr");
            var expected = report.GetProperty("rows").EnumerateArray().ToList();
            await Expect(rows).ToHaveCountAsync(expected.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var cells = await rows.Nth(i).Locator("th, td").AllTextContentsAsync();
                Assert.Equal(expected[i].GetProperty("leads").GetInt32().ToString(), cells[1]);
                Assert.Equal(expected[i].GetProperty("won").GetInt32().ToString(), cells[2]);
                Assert.Equal(Percent(expected[i].GetProperty("conversionRate")), cells[3]);
                Assert.Equal(Days(expected[i].GetProperty("meanDaysToWon")), cells[4]);
                Assert.Equal(Days(expected[i].GetProperty("medianDaysToWon")), cells[5]);
                if (by == "source" && expected[i].GetProperty("key").GetString() == source)
                    Assert.Equal([source, "3", "1", "33.3 %", "1.5", "1.5"], cells);
            }
            var total = report.GetProperty("total");
            await Expect(card.GetByTestId($"conversion-{by}-table-total-1")).ToHaveTextAsync(total.GetProperty("leads").GetInt32().ToString());
            await Expect(card.GetByTestId($"conversion-{by}-table-total-2")).ToHaveTextAsync(total.GetProperty("won").GetInt32().ToString());
            await Expect(card.GetByTestId($"conversion-{by}-rate")).ToHaveTextAsync(Percent(total.GetProperty("conversionRate")));
            await Expect(card.GetByTestId($"conversion-{by}-chart")).ToHaveAttributeAsync("aria-describedby", $"conversion-{by}-table");

            var title = by == "source" ? "Conversion by source" : "Conversion by month created";
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = $"Download CSV: {title}" }).ClickAsync());
            using var csv = await api.GetAsync($"api/reports/conversion?{query}&format=csv");
            Assert.Equal(await csv.Content.ReadAsByteArrayAsync(), await File.ReadAllBytesAsync((await download.PathAsync())!));
        }
        await page.GetByTestId("conversion-source").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "03-conversion-light");
    }

    [Fact]
    public async Task The_reps_page_toggles_a_reps_mailbox_sync_in_the_API_and_shows_each_mailboxs_sync_health()
    {
        var token = NewManager(out _);
        var api = Api(token);
        var name = $"Rita {Guid.NewGuid():N}"[..14];
        var rita = await host.ApiAs($"rita.{Guid.NewGuid():N}@contoso.com", name).GetJsonAsync("api/me");
        Assert.False(rita.GetProperty("syncEnabled").GetBoolean());
        // The sync worker writes these; no API does, so they are arranged in the database the worker writes to.
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
            db.MailboxSyncs.Add(new MailboxSync { RepId = rita.Id(), Stream = MailboxStream.Inbox, Status = MailboxSyncStatus.Synced, LastAttemptAt = now.AddMinutes(-5), LastSuccessAt = now.AddMinutes(-5) });
            db.MailboxSyncs.Add(new MailboxSync
            {
                RepId = rita.Id(), Stream = MailboxStream.SentItems, Status = MailboxSyncStatus.Error, LastAttemptAt = now.AddMinutes(-1),
                LastSuccessAt = now.AddHours(-3), LastError = "Graph answered 403: the mailbox is not licensed.", ConsecutiveFailures = 4,
            });
            await db.SaveChangesAsync();
        }

        var (context, page, errors) = await OpenAsync(token, "Reps and sync");
        await using var session = context;
        var toggle = page.GetByRole(AriaRole.Switch, new() { Name = $"Mailbox sync for {name}" });
        await Expect(toggle).Not.ToBeCheckedAsync();
        var health = page.GetByTestId("sync-table").Locator("tbody tr").Filter(new() { HasText = name });
        await Expect(health).ToHaveCountAsync(2);
        await Expect(health.Nth(0)).ToContainTextAsync("inbox");
        await Expect(health.Nth(0)).ToContainTextAsync("synced");
        await Expect(health.Nth(0)).ToContainTextAsync("5 min");
        await Expect(health.Nth(1)).ToContainTextAsync("error");
        await Expect(health.Nth(1)).ToContainTextAsync("3 h 0 min");
        await Expect(health.Nth(1)).ToContainTextAsync("Graph answered 403: the mailbox is not licensed.");
        await Expect(health.Nth(1)).ToContainTextAsync("(sync off)");

        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(toggle).ToBeCheckedAsync();
        await Expect(health.Nth(1)).Not.ToContainTextAsync("(sync off)");
        await Expect(toggle).ToBeEnabledAsync();
        Assert.True((await api.GetJsonAsync($"api/reps/{rita.Id()}")).GetProperty("syncEnabled").GetBoolean());
        await ScreenshotAsync(page, "04-reps-light");

        // Dark, as the system asks.
        var (darkContext, dark, _) = await OpenAsync(token, "Reps and sync", dark: true);
        await using var darkSession = darkContext;
        await Expect(dark.GetByRole(AriaRole.Switch, new() { Name = $"Mailbox sync for {name}" })).ToBeCheckedAsync();
        await ScreenshotAsync(dark, "05-reps-dark");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Routing_rules_and_a_round_robin_group_made_on_the_page_are_the_APIs_and_reorder_edit_and_delete_there()
    {
        var token = NewManager(out _);
        var api = Api(token);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rita = await host.ApiAs($"rita.{tag}@contoso.com", $"Rita {tag}").GetJsonAsync("api/me");
        var sam = await host.ApiAs($"sam.{tag}@contoso.com", $"Sam {tag}").GetJsonAsync("api/me");
        var (context, page, errors) = await OpenAsync(token, "Routing");
        await using var session = context;
        page.Dialog += async (_, d) => await d.AcceptAsync();

        // A group: Sam first, then Rita.
        await page.GetByRole(AriaRole.Button, new() { Name = "New group" }).ClickAsync();
        var groupForm = page.GetByRole(AriaRole.Form, new() { Name = "Round-robin group" });
        await groupForm.GetByLabel("Group name").FillAsync($"Fair team {tag}");
        await groupForm.GetByLabel($"Sam {tag}").CheckAsync();
        await groupForm.GetByLabel($"Rita {tag}").CheckAsync();
        await groupForm.GetByRole(AriaRole.Button, new() { Name = "Save group" }).ClickAsync();
        await Expect(page.GetByTestId("groups-table")).ToContainTextAsync($"Sam {tag}, Rita {tag}");
        var group = (await api.GetJsonAsync("api/rep-groups")).EnumerateArray().Single(g => g.GetProperty("name").GetString() == $"Fair team {tag}");
        Assert.Equal([sam.Id(), rita.Id()], group.GetProperty("repIds").EnumerateArray().Select(x => x.GetInt32()));

        // Two rules: trade-fair leads to Rita, then everything else to the group.
        await page.GetByRole(AriaRole.Button, new() { Name = "New rule" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "New rule" });
        await form.GetByLabel("Rule name").FillAsync($"Essen {tag}");
        await form.GetByLabel("Source").FillAsync("Trade fair Essen 2026");
        await form.GetByLabel("Score from").FillAsync("20");
        await form.GetByRole(AriaRole.Combobox, new() { Name = "Rep" }).SelectOptionAsync(new SelectOptionValue { Label = $"Rita {tag}" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Expect(page.GetByTestId("rules-table")).ToContainTextAsync($"Essen {tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "New rule" }).ClickAsync();
        await form.GetByLabel("Rule name").FillAsync($"Rest {tag}");
        await form.GetByLabel("A round-robin group").CheckAsync();
        await form.GetByRole(AriaRole.Combobox, new() { Name = "Group" }).SelectOptionAsync($"Fair team {tag}");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Expect(page.GetByTestId("rules-table").Locator("tbody tr")).ToHaveCountAsync(2);

        var rules = (await api.GetJsonAsync("api/assignment-rules")).EnumerateArray().ToList();
        Assert.Equal([$"Essen {tag}", $"Rest {tag}"], rules.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal("Trade fair Essen 2026", rules[0].GetProperty("source").GetString());
        Assert.Equal(20, rules[0].GetProperty("minScore").GetDouble());
        Assert.Equal(rita.Id(), rules[0].GetProperty("repId").GetInt32());
        Assert.Equal($"Fair team {tag}", rules[1].GetProperty("group").GetString());
        await ScreenshotAsync(page, "06-routing-light");

        // Reorder, edit, delete.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Move Rest {tag} up" }).ClickAsync();
        await Expect(page.GetByTestId("rules-table").Locator("tbody tr").First).ToContainTextAsync($"Rest {tag}");
        Assert.Equal([$"Rest {tag}", $"Essen {tag}"], (await api.GetJsonAsync("api/assignment-rules")).EnumerateArray().Select(r => r.GetProperty("name").GetString()));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit Essen {tag}" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = "Edit rule" });
        await edit.GetByLabel("Rule name").FillAsync($"Essen fair {tag}");
        await edit.GetByLabel("Active").UncheckAsync();
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Expect(page.GetByTestId("rules-table")).ToContainTextAsync($"Essen fair {tag}");
        var edited = (await api.GetJsonAsync("api/assignment-rules")).EnumerateArray().Single(r => r.GetProperty("name").GetString() == $"Essen fair {tag}");
        Assert.False(edited.GetProperty("active").GetBoolean());
        Assert.Equal("Trade fair Essen 2026", edited.GetProperty("source").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete Rest {tag}" }).ClickAsync();
        await Expect(page.GetByTestId("rules-table").Locator("tbody tr")).ToHaveCountAsync(1);
        Assert.Equal([$"Essen fair {tag}"], (await api.GetJsonAsync("api/assignment-rules")).EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_call_list_ripe_leads_consent_violations_and_touch_revisions_are_the_APIs_lists()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ritaEmail = $"rita.{tag}@contoso.com";
        var ritaApi = host.ApiAs(ritaEmail, $"Rita {tag}");
        var rita = await ritaApi.GetJsonAsync("api/me");
        // Left alone for longer than the ripe threshold (30 days).
        var ripe = await ritaApi.AddLeadAsync(new { firstName = "Ripe", lastName = tag, company = "Fabrikam", email = $"ripe.{tag}@fabrikam.example" });
        host.Clock.Advance(TimeSpan.FromDays(31));
        ritaApi = host.ApiAs(ritaEmail, $"Rita {tag}");
        var due = await ritaApi.AddLeadAsync(new { firstName = "Due", lastName = tag, company = "Contoso", email = $"due.{tag}@contoso.example", doNotCall = true });
        var call = await ritaApi.SendAsync(HttpMethod.Post, $"api/contacts/{due.Id()}/interactions",
            new { channel = "call", outcome = "connected", subject = $"Asked us to call {tag}", consentOverrideReason = "She asked for the call." });
        // The override is kept as the record; a plain note is what a rep corrects.
        var note = await ritaApi.SendAsync(HttpMethod.Post, $"api/contacts/{due.Id()}/interactions", new { channel = "note", notes = "First draft" });
        await ritaApi.SendAsync(HttpMethod.Patch, $"api/contacts/{due.Id()}/interactions/{note.GetProperty("id").GetInt64()}", new { notes = $"Corrected note {tag}" });
        // Promised after the touches, which would otherwise count as keeping it.
        var version = (await ritaApi.GetJsonAsync($"api/contacts/{due.Id()}")).GetProperty("version").GetInt32();
        await ritaApi.SendAsync(HttpMethod.Put, $"api/contacts/{due.Id()}/follow-up",
            new { dueAt = host.Clock.GetUtcNow().AddHours(2).UtcDateTime, note = $"Send the quote {tag}" }, ifMatch: $"\"{version}\"");

        var token = NewManager(out _);
        var api = Api(token);
        var (context, page, errors) = await OpenAsync(token, "Call list");
        await using var session = context;
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Rep" }).SelectOptionAsync(new SelectOptionValue { Label = $"Rita {tag}" });
        var calls = page.GetByTestId("call-list-table").Locator("tbody tr");
        var expectedCalls = (await api.GetJsonAsync($"api/follow-ups?due=week&owner={rita.Id()}")).EnumerateArray().ToList();
        Assert.Single(expectedCalls);
        await Expect(calls).ToHaveCountAsync(1);
        await Expect(calls.First).ToContainTextAsync($"Due {tag}");
        await Expect(calls.First).ToContainTextAsync($"Send the quote {tag}");
        var expectedRipe = (await api.GetJsonAsync($"api/contacts/ripe?owner={rita.Id()}")).EnumerateArray().ToList();
        Assert.Equal([ripe.Id()], expectedRipe.Select(c => c.GetProperty("contactId").GetInt32()));
        await Expect(page.GetByTestId("ripe-table").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("ripe-table").Locator("tbody tr").First).ToContainTextAsync($"Ripe {tag}");
        await ScreenshotAsync(page, "07-call-list-light");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Consent and revisions" }).ClickAsync();
        var violation = page.GetByTestId("violations-table").Locator("tbody tr").Filter(new() { HasText = $"Asked us to call {tag}" });
        await Expect(violation).ToHaveCountAsync(1);
        await Expect(violation).ToContainTextAsync("do not call");
        await Expect(violation).ToContainTextAsync("She asked for the call.");
        await Expect(violation).ToContainTextAsync($"Rita {tag}");
        Assert.Contains((await api.GetJsonAsync("api/consent-violations")).GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetInt64() == call.GetProperty("id").GetInt64());
        var revision = page.GetByTestId("revisions-table").Locator("tbody tr").Filter(new() { HasText = $"Corrected note {tag}" });
        await Expect(revision).ToHaveCountAsync(1);
        await Expect(revision).ToContainTextAsync("corrected");
        await Expect(revision).ToContainTextAsync($"#{due.Id()}");
        Assert.Contains((await api.GetJsonAsync("api/touch-revisions")).GetProperty("items").EnumerateArray(), r => r.GetProperty("newNotes").GetString() == $"Corrected note {tag}");
        await ScreenshotAsync(page, "08-consent-and-revisions-light");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_rep_is_offered_only_the_pages_a_rep_may_use()
    {
        var rep = host.TokenFor($"ron.{Guid.NewGuid():N}@contoso.com", name: "Ron Rep");
        var (context, page, errors) = await OpenAsync(rep, "Import");
        await using var session = context;
        await Expect(page.GetByRole(AriaRole.Tab)).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Call list" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Charts", Exact = true })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Reps and sync" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("import")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    private static string Percent(JsonElement rate) => rate.ValueKind == JsonValueKind.Null ? "–" : (rate.GetDouble() * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";

    private static string Days(JsonElement days) => days.ValueKind == JsonValueKind.Null ? "–" : days.GetDouble().ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private static int ImportId(string fileName) => int.Parse(fileName.Split('-')[2]);
}
