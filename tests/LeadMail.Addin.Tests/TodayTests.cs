using System.Text.Json;
using LeadMail.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>
/// The rep's day in the pane on an internal email: an overdue promise, a cadence attempt due today, a ripe lead
/// and a colleague's request for a lead, each acted on from its line and checked through the API.
/// </summary>
public sealed class TodayTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}"[..(name.Length + 9)];

    private static string Quoted(JsonElement contact) => $"\"{contact.GetProperty("version").GetInt32()}\"";

    /// <summary>The compose forms the pane asked the Office mock to open.</summary>
    private static async Task<List<JsonElement>> NewMessageFormsAsync(IPage page) =>
        JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.__officeMock.newMessageForms())")).RootElement.EnumerateArray().ToList();

    [Fact]
    public async Task The_reps_day_shows_each_kind_of_line_and_each_action_reaches_the_api()
    {
        var repEmail = $"{Unique("rita")}@contoso.com";
        var rep = host.ApiAs(repEmail, "Rita Rep");
        var colleagueEmail = $"{Unique("carl")}@contoso.com";
        var colleague = host.ApiAs(colleagueEmail, "Carl Colleague");
        var now = host.Clock.GetUtcNow();

        // Ripe: came in forty days ago and never touched; it asked not to be emailed.
        host.Clock.Set(now.AddDays(-40));
        var ripe = await rep.AddLeadAsync(new { firstName = "Rhea", lastName = "Ripe", email = $"{Unique("rhea")}@fabrikam.example", doNotEmail = true });
        host.Clock.Set(now);

        var overdue = await rep.AddLeadAsync(new { firstName = "Olga", lastName = "Overdue", email = $"{Unique("olga")}@fabrikam.example", company = "Overdue Ltd" });
        await rep.SendAsync(HttpMethod.Put, $"api/contacts/{overdue.Id()}/follow-up",
            new { dueAt = now.AddDays(-2).UtcDateTime, note = "Send the price list" }, Quoted(overdue));

        // A first unanswered call two days ago proposes the next attempt for now.
        var cadence = await rep.AddLeadAsync(new { firstName = "Cato", lastName = "Cadence", email = $"{Unique("cato")}@fabrikam.example" });
        await rep.SendAsync(HttpMethod.Post, $"api/contacts/{cadence.Id()}/interactions",
            new { channel = "call", outcome = "noAnswer", occurredAt = now.AddDays(-2).UtcDateTime });

        var wanted = await rep.AddLeadAsync(new { firstName = "Hugo", lastName = "Handover", email = $"{Unique("hugo")}@fabrikam.example" });
        await colleague.SendAsync(HttpMethod.Post, $"api/contacts/{wanted.Id()}/hand-over-requests", new { note = "Met him at the fair" });

        await using var pane = await TaskPane.OpenAsync(host, repEmail, new MailItem
        {
            From = new Person(colleagueEmail, "Carl Colleague"),
            To = [new Person(repEmail, "Rita Rep")],
            Subject = "Lunch?",
        }, host.TokenFor(repEmail, name: "Rita Rep"));
        await pane.ReadyAsync();

        var page = pane.Page;
        ILocator Line(JsonElement contact) => page.GetByTestId($"today-line-{contact.Id()}");
        await Expect(page.GetByTestId("today-overdue")).ToContainTextAsync("Olga Overdue · Overdue Ltd");
        await Expect(Line(overdue)).ToContainTextAsync("Send the price list");
        await Expect(page.GetByTestId("today-today")).ToContainTextAsync("Cato Cadence");
        await Expect(Line(cadence)).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"attempt \d+ of 10"));
        await Expect(page.GetByTestId("today-ripe")).ToContainTextAsync("Rhea Ripe");
        await Expect(Line(ripe)).ToContainTextAsync("untouched 40 days");
        await Expect(page.GetByTestId("today-handOvers")).ToContainTextAsync("Hugo Handover");
        await Expect(Line(wanted)).ToContainTextAsync("Met him at the fair");
        await Expect(Line(wanted)).ToContainTextAsync("New");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("30-today"));

        // Draft an email: Outlook's compose form opens to the lead; a do-not-email lead is refused and nothing opens.
        await Line(overdue).GetByRole(AriaRole.Button, new() { Name = "Email" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.__officeMock.newMessageForms().length > 0");
        var forms = await NewMessageFormsAsync(page);
        Assert.Equal(overdue.GetProperty("email").GetString(), forms.Single().GetProperty("toRecipients")[0].GetString());
        await Line(ripe).GetByRole(AriaRole.Button, new() { Name = "Email" }).ClickAsync();
        await Expect(Line(ripe).GetByRole(AriaRole.Alert)).ToContainTextAsync("asked not to be emailed");
        Assert.Single(await NewMessageFormsAsync(page));
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("31-today-email-refused"));

        // Complete: the promise is recorded as kept and leaves the list.
        await Line(overdue).GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();
        await Expect(page.GetByTestId("today-said")).ToContainTextAsync("Olga Overdue: follow-up done");
        await Expect(Line(overdue)).ToHaveCountAsync(0);
        var promise = (await rep.GetJsonAsync($"api/contacts/{overdue.Id()}/follow-ups")).EnumerateArray().First();
        Assert.Equal("Send the price list", promise.GetProperty("note").GetString());
        Assert.Equal(JsonValueKind.String, promise.GetProperty("completedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, promise.GetProperty("closedAt").ValueKind);
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("32-today-completed"));

        // Snooze to tomorrow: the attempt is due after today ends, in the pane's zone.
        await Line(cadence).GetByRole(AriaRole.Button, new() { Name = "Snooze" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Tomorrow" }).ClickAsync();
        await Expect(page.GetByTestId("today-said")).ToContainTextAsync("Cato Cadence: snoozed to");
        await Expect(Line(cadence)).ToHaveCountAsync(0);
        var zone = await page.EvaluateAsync<string>("() => Intl.DateTimeFormat().resolvedOptions().timeZone");
        var day = await rep.GetJsonAsync($"api/me/today?tz={Uri.EscapeDataString(zone)}");
        var snoozed = await rep.GetJsonAsync($"api/contacts/{cadence.Id()}");
        Assert.True(snoozed.GetProperty("nextFollowUpDue").GetDateTime() >= day.GetProperty("dayEndsAt").GetDateTime(),
            $"snoozed to {snoozed.GetProperty("nextFollowUpDue")}, today ends {day.GetProperty("dayEndsAt")}");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("33-today-snoozed"));

        // Log a call from the ripe line: the touch is recorded with its outcome and the lead leaves the ripe list.
        await Line(ripe).GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
        var callForm = Line(ripe).GetByRole(AriaRole.Form, new() { Name = "Log a touch" });
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("34-today-call-form"));
        await callForm.GetByRole(AriaRole.Button, new() { Name = "Log call" }).ClickAsync();
        await Expect(page.GetByTestId("today-said")).ToContainTextAsync("Rhea Ripe: call logged");
        await Expect(Line(ripe)).ToHaveCountAsync(0);
        var touches = (await rep.GetJsonAsync($"api/contacts/{ripe.Id()}/interactions")).GetProperty("items").EnumerateArray().ToList();
        var call = Assert.Single(touches);
        Assert.Equal("call", call.GetProperty("channel").GetString());
        Assert.Equal("connected", call.GetProperty("outcome").GetString());

        // Accept the hand-over: the lead is the colleague's.
        await Line(wanted).GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(page.GetByTestId("today-said")).ToContainTextAsync("Hugo Handover: hand-over accepted");
        await Expect(Line(wanted)).ToHaveCountAsync(0);
        var colleagueMe = await colleague.GetJsonAsync("api/me");
        var handedOver = await colleague.GetJsonAsync($"api/contacts/{wanted.Id()}");
        Assert.Equal(colleagueMe.GetProperty("id").GetInt32(), handedOver.GetProperty("ownerId").GetInt32());
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("35-today-handed-over"));
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_today_button_shows_the_day_beside_an_external_email_and_opens_a_leads_card()
    {
        var repEmail = $"{Unique("tess")}@contoso.com";
        var rep = host.ApiAs(repEmail, "Tess Rep");
        var lead = await rep.AddLeadAsync(new { firstName = "Otto", lastName = "Open", email = $"{Unique("otto")}@fabrikam.example", company = "Open GmbH" });
        await rep.SendAsync(HttpMethod.Put, $"api/contacts/{lead.Id()}/follow-up",
            new { dueAt = host.Clock.GetUtcNow().AddDays(-1).UtcDateTime, note = "Call about the pilot" }, Quoted(lead));
        var other = $"{Unique("nina")}@northwind.example";

        await using var pane = await TaskPane.OpenAsync(host, repEmail, new MailItem
        {
            From = new Person(other, "Nina North"),
            To = [new Person(repEmail)],
            Subject = "Hello",
        }, host.TokenFor(repEmail, name: "Tess Rep"));
        await pane.ReadyAsync();
        await Expect(pane.Participant(other)).ToBeVisibleAsync();
        await Expect(pane.Page.GetByTestId("today")).ToHaveCountAsync(0);

        await pane.Page.GetByRole(AriaRole.Button, new() { Name = "Today" }).ClickAsync();
        var line = pane.Page.GetByTestId($"today-line-{lead.Id()}");
        await Expect(line).ToContainTextAsync("Call about the pilot");
        await line.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(line.GetByTestId("follow-up")).ToBeVisibleAsync();
        await Expect(line).ToContainTextAsync("Open GmbH");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("36-today-lead-opened"));

        await pane.Page.GetByRole(AriaRole.Button, new() { Name = "Today" }).ClickAsync();
        await Expect(pane.Page.GetByTestId("today")).ToHaveCountAsync(0);
        await Expect(pane.Participant(other)).ToBeVisibleAsync();
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_hand_over_line_opens_the_leads_card_for_the_owner_and_the_asker_sees_the_request_waiting_with_the_restricted_card()
    {
        var ownerEmail = $"{Unique("olaf")}@contoso.com";
        var owner = host.ApiAs(ownerEmail, "Olaf Owner");
        var askerEmail = $"{Unique("anja")}@contoso.com";
        var asker = host.ApiAs(askerEmail, "Anja Asker");
        var secret = $"Private pricing {Guid.NewGuid():N}"[..24];
        var lead = await owner.AddLeadAsync(new { firstName = "Hedda", lastName = "Handed", email = $"{Unique("hedda")}@fabrikam.example", company = "Handed AG" });
        await owner.SendAsync(HttpMethod.Post, $"api/contacts/{lead.Id()}/interactions", new { channel = "note", notes = secret });
        await asker.SendAsync(HttpMethod.Post, $"api/contacts/{lead.Id()}/hand-over-requests", new { note = "She called me back" });
        var internalMail = (string me, string other) => new MailItem { From = new Person(other), To = [new Person(me)], Subject = "Lunch?" };

        // The owner opens the lead from the request's line: the full card, with the history the asker may not read.
        await using (var pane = await TaskPane.OpenAsync(host, ownerEmail, internalMail(ownerEmail, askerEmail), host.TokenFor(ownerEmail, name: "Olaf Owner")))
        {
            await pane.ReadyAsync();
            var line = pane.Page.GetByTestId($"today-line-{lead.Id()}");
            await Expect(line).ToContainTextAsync("She called me back");
            await line.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
            await Expect(line.GetByTestId("timeline")).ToContainTextAsync(secret);
            await Expect(line.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToBeVisibleAsync();
            output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("38-today-hand-over-opened"));
            pane.AssertNoScriptErrors();
        }

        // The asker's day shows the request waiting; its card is the restricted one, and there is nothing to withdraw.
        await using (var pane = await TaskPane.OpenAsync(host, askerEmail, internalMail(askerEmail, ownerEmail), host.TokenFor(askerEmail, name: "Anja Asker")))
        {
            await pane.ReadyAsync();
            var sent = pane.Page.GetByTestId($"today-sent-{lead.Id()}");
            await Expect(sent).ToContainTextAsync("Hedda Handed · Handed AG");
            await Expect(sent).ToContainTextAsync("Waiting");
            await Expect(sent).ToContainTextAsync("waiting for Olaf Owner or a manager");
            await Expect(sent.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToHaveCountAsync(0);
            await sent.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
            var card = sent.GetByTestId("restricted-card");
            await Expect(card).ToContainTextAsync("Olaf Owner's lead");
            await Expect(card.GetByTestId("hand-over-asked")).ToBeVisibleAsync();
            await Expect(card.GetByRole(AriaRole.Form, new() { Name = "Ask for this lead" })).ToHaveCountAsync(0);
            await Expect(pane.Page.GetByTestId("today")).Not.ToContainTextAsync(secret);
            output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("39-today-asked-waiting"));
            pane.AssertNoScriptErrors();
        }

        // Once the owner decides, the request leaves the asker's list.
        var requests = (await owner.GetJsonAsync("api/hand-over-requests")).EnumerateArray().Single(r => r.GetProperty("contactId").GetInt32() == lead.Id());
        await owner.SendAsync(HttpMethod.Post, $"api/hand-over-requests/{requests.GetProperty("id").GetInt32()}/decline", new { });
        Assert.Equal(0, (await asker.GetJsonAsync("api/hand-over-requests/sent")).GetArrayLength());
    }

    [Fact]
    public async Task A_manager_sees_each_reps_count_beside_their_own_day()
    {
        var repName = $"Pia {Guid.NewGuid():N}"[..12];
        var repEmail = $"{Unique("pia")}@contoso.com";
        var rep = host.ApiAs(repEmail, repName);
        var lead = await rep.AddLeadAsync(new { firstName = "Paul", lastName = "Promised", email = $"{Unique("paul")}@fabrikam.example" });
        await rep.SendAsync(HttpMethod.Put, $"api/contacts/{lead.Id()}/follow-up",
            new { dueAt = host.Clock.GetUtcNow().AddDays(-3).UtcDateTime, note = "Quote" }, Quoted(lead));
        var managerEmail = $"{Unique("mona")}@contoso.com";

        await using var pane = await TaskPane.OpenAsync(host, managerEmail, new MailItem { To = [new Person(repEmail, repName)], Subject = "Team" },
            host.TokenFor(managerEmail, manager: true, name: "Mona Manager"));
        await pane.ReadyAsync();
        await Expect(pane.Page.GetByTestId("today-per-rep")).ToContainTextAsync($"{repName}: 1 overdue, 0 due today");
        // The rep's lead is the rep's line, not the manager's own.
        await Expect(pane.Page.GetByTestId($"today-line-{lead.Id()}")).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("37-today-manager"));
        pane.AssertNoScriptErrors();
    }
}
