using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>Every channel a rep logs by hand from the pane, at the time they pick, and a touch consent refuses logged with a reason.</summary>
public sealed class TouchLoggingTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}"[..(name.Length + 9)];

    private (string Email, HttpClient Api, string Token) NewRep(string name)
    {
        var email = $"{Unique(name)}@contoso.com";
        return (email, host.ApiAs(email, name), host.TokenFor(email, name: name));
    }

    private static string External(string name) => $"{Unique(name)}@fabrikam.example";

    /// <summary>A datetime-local value some whole days ago, in the zone the browser and this process share.</summary>
    private static (string Input, DateTime Utc) DaysAgo(int days, int hour)
    {
        var local = DateTime.Today.AddDays(-days).AddHours(hour).AddMinutes(15);
        return (local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), local.ToUniversalTime());
    }

    [Fact]
    public async Task Every_channel_is_logged_with_its_outcome_at_a_backdated_time()
    {
        var rep = NewRep("Tom Rep");
        var leadEmail = External("hedy");
        var lead = await rep.Api.AddLeadAsync(new { firstName = "Hedy", lastName = "Lamarr", email = leadEmail, source = "Event" });
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, rep.Token);
        var card = pane.Participant(leadEmail);
        await Expect(card).ToContainTextAsync("No touches yet.");

        (string Channel, string Label, string? Outcome, string? Stored, string Notes, int Days)[] touches =
        [
            ("call", "Call", "Spoke to someone else", "spokeToSomeoneElse", "Her assistant picked up", 6),
            ("voicemail", "Voicemail", "Left a message", "leftMessage", "Asked for a call back", 5),
            ("letter", "Letter", null, null, "Sent the brochure by post", 4),
            ("visit", "Visit", "Held", "held", "Walked the lab", 3),
            ("meeting", "Meeting in person", "Cancelled", "cancelled", "She was ill", 2),
            ("note", "Note", null, null, "Prefers mornings", 1),
        ];
        foreach (var t in touches)
        {
            await card.GetByRole(AriaRole.Button, new() { Name = "Log call" }).First.ClickAsync();
            var form = card.GetByRole(AriaRole.Form, new() { Name = "Log a touch" });
            await form.GetByLabel("Channel").SelectOptionAsync(t.Channel);
            if (t.Outcome is not null) await form.GetByLabel("Outcome").SelectOptionAsync(new SelectOptionValue { Label = t.Outcome });
            await form.GetByLabel("When").FillAsync(DaysAgo(t.Days, 10).Input);
            await form.GetByLabel(t.Channel == "note" ? "Note" : "Notes").FillAsync(t.Notes);
            if (t.Channel == "visit") output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("20-touch-visit-backdated"));
            await form.GetByRole(AriaRole.Button, new() { Name = $"Log {t.Label.ToLowerInvariant()}" }).ClickAsync();
            await Expect(card.GetByTestId("action-status")).ToHaveTextAsync($"{t.Label} logged.");
            await Expect(card.GetByTestId("timeline")).ToContainTextAsync(t.Notes);
        }
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("21-every-channel-logged"));

        var logged = (await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}/interactions")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(touches.Length, logged.Count);
        foreach (var t in touches)
        {
            var touch = logged.Single(x => x.GetProperty("channel").GetString() == t.Channel);
            Assert.Equal(DaysAgo(t.Days, 10).Utc, touch.GetProperty("occurredAt").GetDateTime().ToUniversalTime());
            Assert.Equal(t.Notes, touch.GetProperty("notes").GetString());
            Assert.Equal("addin", touch.GetProperty("origin").GetString());
            var outcome = touch.GetProperty("outcome");
            if (t.Stored is null) Assert.Equal(JsonValueKind.Null, outcome.ValueKind);
            else Assert.Equal(t.Stored, outcome.GetString());
        }
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_form_offers_the_outcomes_the_API_serves_and_asks_for_them_once()
    {
        var rep = NewRep("Una Rep");
        var leadEmail = External("grace");
        await rep.Api.AddLeadAsync(new { firstName = "Grace", lastName = "Hopper", email = leadEmail });
        var table = (await rep.Api.GetJsonAsync("api/touch-channels")).EnumerateArray().ToList();
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, rep.Token);
        var asked = 0;
        pane.Page.Request += (_, request) => asked += request.Url.Contains("/api/touch-channels", StringComparison.Ordinal) ? 1 : 0;
        var card = pane.Participant(leadEmail);
        var log = card.GetByRole(AriaRole.Button, new() { Name = "Log call" }).First;
        var form = card.GetByRole(AriaRole.Form, new() { Name = "Log a touch" });

        await log.ClickAsync();
        var offered = await form.GetByLabel("Channel").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Equal(table.Where(c => !c.GetProperty("directionRequired").GetBoolean()).Select(c => c.GetProperty("channel").GetString()), offered);
        foreach (var rule in table.Where(c => !c.GetProperty("directionRequired").GetBoolean()))
        {
            var channel = rule.GetProperty("channel").GetString()!;
            await form.GetByLabel("Channel").SelectOptionAsync(channel);
            var outcomes = rule.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()!).ToList();
            if (outcomes.Count == 0)
            {
                await Expect(form.GetByLabel("Outcome")).ToHaveCountAsync(0);
                continue;
            }
            var choices = await form.GetByLabel("Outcome").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
            Assert.Equal(rule.GetProperty("outcomeRequired").GetBoolean() ? outcomes : ["", .. outcomes], choices);
            var start = rule.GetProperty("defaultOutcome");
            await Expect(form.GetByLabel("Outcome")).ToHaveValueAsync(start.ValueKind == JsonValueKind.Null ? "" : start.GetString()!);
            if (channel == "visit") output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("26-touch-outcomes-from-api"));
        }

        // Closing and opening the form again reads the table the pane already holds.
        await log.ClickAsync();
        await log.ClickAsync();
        await Expect(form.GetByLabel("Outcome")).ToHaveValueAsync("connected");
        Assert.Equal(1, asked);
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_time_to_come_is_refused_in_the_form_and_the_APIs_refusal_is_shown_in_words()
    {
        var rep = NewRep("Flo Rep");
        var leadEmail = External("rosalind");
        var lead = await rep.Api.AddLeadAsync(new { firstName = "Rosalind", lastName = "Franklin", email = leadEmail, source = "Web" });
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, rep.Token);
        var card = pane.Participant(leadEmail);
        var posts = 0;
        pane.Page.Request += (_, r) => { if (r.Method == "POST" && r.Url.Contains("/interactions", StringComparison.Ordinal)) posts++; };

        await card.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
        var form = card.GetByRole(AriaRole.Form, new() { Name = "Log a touch" });
        await form.GetByLabel("When").FillAsync(DateTime.Today.AddDays(2).AddHours(9).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
        await Expect(form).ToContainTextAsync("That is in the future");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("22-touch-future-refused"));
        Assert.Equal(0, posts);

        // Before 1900: the form lets it through, the API's 400 names the field and the pane says it in words.
        await form.GetByLabel("When").FillAsync("1850-06-01T09:00");
        await form.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
        await Expect(card.GetByTestId("action-status")).ToContainTextAsync("occurredAt must be after 1900.");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("23-touch-api-400"));
        Assert.Equal(1, posts);
        Assert.Empty((await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}/interactions")).GetProperty("items").EnumerateArray());
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_call_to_a_do_not_call_lead_names_the_flag_and_is_logged_only_with_the_reps_reason()
    {
        var rep = NewRep("Ola Rep");
        var leadEmail = External("marie");
        var lead = await rep.Api.AddLeadAsync(new { firstName = "Marie", lastName = "Curie", email = leadEmail, source = "Web", doNotCall = true });
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, rep.Token);
        var card = pane.Participant(leadEmail);

        await card.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
        var form = card.GetByRole(AriaRole.Form, new() { Name = "Log a touch" });
        await form.GetByLabel("Outcome").SelectOptionAsync(new SelectOptionValue { Label = "Connected" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();

        var refusal = form.GetByTestId("consent-refusal");
        await Expect(refusal).ToContainTextAsync("Do not call");
        await Expect(refusal).ToContainTextAsync("This person asked not to be called.");
        var logIt = refusal.GetByRole(AriaRole.Button, new() { Name = "Log with this reason" });
        await Expect(logIt).ToBeDisabledAsync();
        Assert.Empty((await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}/interactions")).GetProperty("items").EnumerateArray());
        await refusal.GetByLabel("Why you reach out anyway").FillAsync("She called us and asked to be called back");
        await Expect(logIt).ToBeEnabledAsync();
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("24-consent-override"));
        await logIt.ClickAsync();

        await Expect(card.GetByTestId("action-status")).ToHaveTextAsync("Call logged.");
        var touch = Assert.Single((await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}/interactions")).GetProperty("items").EnumerateArray());
        Assert.Equal("She called us and asked to be called back", touch.GetProperty("consentOverrideReason").GetString());
        Assert.Equal("doNotCall", touch.GetProperty("consentViolation").GetString());
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("25-consent-override-logged"));
        pane.AssertNoScriptErrors();
    }
}
