using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>
/// The task pane in headless Chromium against the real API: what a rep sees and does beside an email or meeting.
/// Each test uses its own rep and addresses, so they share one API and database without seeing each other's data.
/// </summary>
public sealed class TaskPaneTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}"[..(name.Length + 9)];

    private (string Email, HttpClient Api, string Token) NewRep(string name)
    {
        var email = $"{Unique(name)}@contoso.com";
        return (email, host.ApiAs(email, name), host.TokenFor(email, name: name));
    }

    private static string External(string name) => $"{Unique(name)}@fabrikam.example";

    [Fact]
    public async Task A_known_lead_shows_its_stage_owner_follow_up_and_touches_and_this_email_can_be_logged()
    {
        var rep = NewRep("Rita Rep");
        var leadEmail = External("ada");
        var lead = await rep.Api.AddLeadAsync(new
        {
            firstName = "Ada", lastName = "Lovelace", email = leadEmail, company = "Analytical Engines", source = "Event",
            stage = "salesQualified", nextFollowUpDue = DateTime.UtcNow.AddDays(-2).ToString("O"), nextFollowUpNote = "Send the pilot offer",
        });
        await rep.Api.SendAsync(HttpMethod.Post, $"api/contacts/{lead.Id()}/interactions",
            // Before the follow-up was promised: a later call would keep the promise and complete it.
            new { channel = "call", outcome = "connected", notes = "Talked about the pilot", occurredAt = DateTime.UtcNow.AddDays(-3).ToString("O") });
        var messageId = $"<{Guid.NewGuid():N}@fabrikam.example>";

        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem
        {
            From = new Person(leadEmail, "Ada Lovelace"),
            To = [new Person(rep.Email, "Rita Rep")],
            Subject = "Re: pilot",
            InternetMessageId = messageId,
        }, rep.Token);

        await pane.ReadyAsync();
        var card = pane.Participant(leadEmail);
        await Expect(card).ToContainTextAsync("Ada Lovelace");
        await Expect(card).ToContainTextAsync("Analytical Engines");
        await Expect(card).ToContainTextAsync("Sales qualified");
        await Expect(card).ToContainTextAsync("Rita Rep");
        var followUp = card.GetByTestId("follow-up");
        await Expect(followUp).ToContainTextAsync("Overdue:");
        await Expect(followUp).ToContainTextAsync("Send the pilot offer");
        // Fluent's red foreground (colorPaletteRedForeground1) in the light theme.
        await Expect(followUp).ToHaveCSSAsync("color", "rgb(188, 47, 50)");
        await Expect(card.GetByTestId("timeline")).ToContainTextAsync("Call · outbound · Connected");
        await Expect(card.GetByTestId("cap")).ToHaveTextAsync("1 of 3 outbound touches");
        await Expect(card.GetByTestId("message-logged")).ToHaveTextAsync("Not logged yet");
        // Only the lead: the rep's own address is internal.
        await Expect(pane.Page.GetByTestId($"participant-{rep.Email}")).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("01-known-lead-read"));
        Assert.Single(pane.Lookups);
        Assert.False(pane.EntraSignInLoaded, "Local sign-in must not download MSAL.");

        // A figure, not an assertion: the pane opened cold, then again with the browser's cache warm.
        var cold = await pane.FirstUsefulPaintMsAsync();
        await pane.Page.ReloadAsync();
        await pane.ReadyAsync();
        var warm = await pane.FirstUsefulPaintMsAsync();
        var figures = $"first useful paint after Office.onReady (one known lead, local API): {cold:F0} ms cold, {warm:F0} ms on reopening";
        output.WriteLine(figures);
        await File.AppendAllTextAsync(Path.Combine(TaskPane.ScreenshotDirectory, "..", "addin-timings.txt"), $"{DateTime.UtcNow:O} {figures}{Environment.NewLine}");

        await card.GetByRole(AriaRole.Button, new() { Name = "Log this email" }).ClickAsync();
        await Expect(card.GetByTestId("message-logged")).ToHaveTextAsync("Already logged");
        await Expect(card.GetByTestId("timeline")).ToContainTextAsync("Re: pilot");
        var touches = await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}/interactions");
        var email = touches.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("channel").GetString() == "email");
        Assert.Equal("inbound", email.GetProperty("direction").GetString());
        Assert.Equal("addin", email.GetProperty("origin").GetString());
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_unknown_participant_can_be_added_as_a_lead_and_then_shows_as_one()
    {
        var rep = NewRep("Uma Rep");
        var stranger = External("grace");
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem
        {
            From = new Person(stranger, "Grace Brewster Hopper"),
            To = [new Person(rep.Email)],
            Subject = "Interested in your compilers",
            InternetMessageId = $"<{Guid.NewGuid():N}@fabrikam.example>",
        }, rep.Token);

        var card = pane.Participant(stranger);
        await Expect(card).ToContainTextAsync("Not a lead");
        await Expect(card.GetByLabel("First name")).ToHaveValueAsync("Grace Brewster");
        await Expect(card.GetByLabel("Last name")).ToHaveValueAsync("Hopper");
        await card.GetByLabel("Company").FillAsync("Navy Labs");
        await card.GetByLabel("Source").SelectOptionAsync("Referral");
        await card.GetByLabel("Interest").FillAsync("Compilers");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("02-unknown-add-as-lead"));
        await card.GetByRole(AriaRole.Button, new() { Name = "Add as lead" }).ClickAsync();

        await Expect(card).ToContainTextAsync("New");
        await Expect(card).ToContainTextAsync("Navy Labs");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Log call" })).ToBeVisibleAsync();
        var lookup = await rep.Api.GetJsonAsync($"api/contacts/lookup?email={Uri.EscapeDataString(stranger)}");
        var contact = lookup.GetProperty("contact");
        Assert.Equal("Referral", contact.GetProperty("source").GetString());
        Assert.Equal("Compilers", contact.GetProperty("interest").GetString());
        Assert.Equal("Uma Rep", contact.GetProperty("ownerName").GetString());
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_logged_call_appears_in_the_timeline()
    {
        var rep = NewRep("Carl Rep");
        var leadEmail = External("alan");
        var lead = await rep.Api.AddLeadAsync(new { firstName = "Alan", lastName = "Turing", email = leadEmail, source = "Web" });
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, rep.Token);

        var card = pane.Participant(leadEmail);
        await Expect(card).ToContainTextAsync("No touches yet.");
        // Keyboard only: the action opens with Enter and puts the focus in its first field.
        await card.GetByRole(AriaRole.Button, new() { Name = "Log call" }).FocusAsync();
        await pane.Page.Keyboard.PressAsync("Enter");
        await Expect(card.GetByLabel("Outcome")).ToBeFocusedAsync();
        await card.GetByLabel("Outcome").SelectOptionAsync(new SelectOptionValue { Label = "Left a message" });
        await card.GetByLabel("Notes").FillAsync("Asked him to call back about Enigma");
        await card.GetByRole(AriaRole.Button, new() { Name = "Log call" }).Last.ClickAsync();

        await Expect(card.GetByTestId("action-status")).ToHaveTextAsync("Call logged.");
        await Expect(card.GetByTestId("timeline")).ToContainTextAsync("Call · outbound · Left message");
        await Expect(card.GetByTestId("timeline")).ToContainTextAsync("Asked him to call back about Enigma");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("03-call-logged"));
        var touches = await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}/interactions");
        var call = Assert.Single(touches.GetProperty("items").EnumerateArray());
        Assert.Equal("leftMessage", call.GetProperty("outcome").GetString());
        Assert.Equal("addin", call.GetProperty("origin").GetString());
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_call_logged_wrong_is_corrected_then_removed_and_an_imported_touch_offers_neither()
    {
        var rep = NewRep("Rita Rep");
        var leadEmail = External("grace");
        var lead = await rep.Api.AddLeadAsync(new { firstName = "Grace", lastName = "Hopper", email = leadEmail, source = "Web" });
        await rep.Api.SendAsync(HttpMethod.Post, $"api/contacts/{lead.Id()}/interactions",
            new { channel = "note", notes = "From the old CRM", origin = "import", occurredAt = DateTime.UtcNow.AddDays(-3) });
        await rep.Api.LogCallAsync(lead.Id(), "connected");
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, rep.Token);

        var card = pane.Participant(leadEmail);
        var timeline = card.GetByTestId("timeline");
        await Expect(timeline).ToContainTextAsync("Call · outbound · Connected");
        // Only the rep's own call: an import belongs to a manager to correct.
        await Expect(timeline.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = false })).ToHaveCountAsync(1);

        // First the outcome was wrong: corrected in place.
        await timeline.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Correct call") }).ClickAsync();
        var form = timeline.GetByRole(AriaRole.Form, new() { Name = "Correct this call" });
        await form.GetByLabel("Outcome").SelectOptionAsync(new SelectOptionValue { Label = "No answer" });
        await form.GetByLabel("Notes").FillAsync("Rang twice");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("09-touch-correct"));
        await form.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
        await Expect(card.GetByTestId("action-status")).ToHaveTextAsync("Call corrected.");
        await Expect(timeline).ToContainTextAsync("Call · outbound · No answer");
        var corrected = await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}");
        Assert.Equal(JsonValueKind.Null, corrected.GetProperty("firstConnectAt").ValueKind);
        Assert.Equal(1, corrected.GetProperty("outboundSinceConnect").GetInt32());

        // Then it turns out it was meant for someone else: removed.
        await timeline.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Remove call") }).ClickAsync();
        await Expect(timeline.GetByRole(AriaRole.Group)).ToContainTextAsync("Remove this call?");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("10-touch-remove-confirm"));
        await timeline.GetByRole(AriaRole.Button, new() { Name = "Remove touch" }).ClickAsync();

        await Expect(card.GetByTestId("action-status")).ToHaveTextAsync("Call removed.");
        await Expect(timeline).Not.ToContainTextAsync("Call");
        await Expect(timeline).ToContainTextAsync("From the old CRM");
        var contact = await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}");
        Assert.Equal((1, 0), (contact.GetProperty("touchesTotal").GetInt32(), contact.GetProperty("outboundSinceConnect").GetInt32()));
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_follow_up_is_set_with_a_quick_pick_and_then_completed()
    {
        var rep = NewRep("Fay Rep");
        var leadEmail = External("barbara");
        var lead = await rep.Api.AddLeadAsync(new { firstName = "Barbara", lastName = "Liskov", email = leadEmail, source = "Web" });
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, rep.Token);

        var card = pane.Participant(leadEmail);
        await Expect(card.GetByTestId("follow-up")).ToHaveTextAsync("None set");
        await card.GetByRole(AriaRole.Button, new() { Name = "Follow-up" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "In 3 days" }).ClickAsync();
        await card.GetByLabel("What to do").FillAsync("Send the contract draft");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save follow-up" }).ClickAsync();

        await Expect(card.GetByTestId("follow-up")).ToContainTextAsync("Send the contract draft");
        await Expect(card.GetByTestId("action-status")).ToContainTextAsync("Follow-up set for");
        var due = (await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}")).GetProperty("nextFollowUpDue").GetDateTime().ToUniversalTime();
        var days = (due - DateTime.UtcNow).TotalDays;
        Assert.InRange(days, 2, 4);
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("04-follow-up-set"));

        await card.GetByRole(AriaRole.Button, new() { Name = "Follow-up" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        await Expect(card.GetByTestId("follow-up")).ToHaveTextAsync("None set");
        var after = await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("nextFollowUpDue").ValueKind);
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Composing_to_a_lead_at_the_cap_shows_the_warning_before_sending_and_follows_typed_recipients()
    {
        var rep = NewRep("Cora Rep");
        var leadEmail = External("edsger");
        var lead = await rep.Api.AddLeadAsync(new { firstName = "Edsger", lastName = "Dijkstra", email = leadEmail, source = "Web" });
        for (var i = 0; i < 3; i++) await rep.Api.LogCallAsync(lead.Id());
        var colleague = $"{Unique("colleague")}@contoso.com";

        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem
        {
            Mode = "compose",
            To = [new Person(leadEmail, "Edsger Dijkstra"), new Person(colleague, "A Colleague")],
        }, rep.Token);

        var warning = pane.Page.GetByTestId("compose-warning");
        await Expect(warning).ToContainTextAsync("Check before you send");
        await Expect(warning).ToContainTextAsync("Edsger Dijkstra: Contact cap reached");
        var card = pane.Participant(leadEmail);
        await Expect(card.GetByTestId("cap")).ToHaveTextAsync("3 of 3 outbound touches");
        await Expect(pane.Participant(colleague)).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("05-compose-cap-reached"));

        // The rep types another address: the pane picks it up without a reload.
        var newcomer = External("niklaus");
        await pane.SetRecipientsAsync("cc", new Person(newcomer, "Niklaus Wirth"));
        await Expect(pane.Participant(newcomer)).ToContainTextAsync("Not a lead");
        await Expect(pane.Page.GetByText("2 external participants")).ToBeVisibleAsync();
        // One request per participant: the recipient change asked only about the newcomer.
        Assert.Equal(2, pane.Lookups.Count);
        Assert.Contains(Uri.EscapeDataString(newcomer), pane.Lookups[1]);
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_lead_who_asked_not_to_be_emailed_shows_a_consent_banner_in_dark_theme_too()
    {
        var rep = NewRep("Dora Rep");
        var leadEmail = External("linus");
        await rep.Api.AddLeadAsync(new { firstName = "Linus", lastName = "Torvalds", email = leadEmail, source = "Web", doNotEmail = true });

        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { Mode = "compose", To = [new Person(leadEmail)] }, rep.Token, dark: true);

        var card = pane.Participant(leadEmail);
        await Expect(card.GetByTestId("lead-warning").Filter(new() { HasText = "Do not email" })).ToBeVisibleAsync();
        await Expect(pane.Page.GetByTestId("compose-warning")).ToContainTextAsync("Linus Torvalds: Do not email");
        // Office's dark theme: the pane is dark, not a white box inside a dark Outlook.
        await Expect(pane.Page.Locator(".fui-FluentProvider")).ToHaveCSSAsync("background-color", "rgb(41, 41, 41)");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("06-consent-do-not-email-dark"));
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_pinned_pane_follows_the_rep_to_the_next_item_including_a_meeting()
    {
        var rep = NewRep("Pia Rep");
        var first = External("katherine");
        var second = External("margaret");
        await rep.Api.AddLeadAsync(new { firstName = "Katherine", lastName = "Johnson", email = first, source = "Web" });
        await rep.Api.AddLeadAsync(new { firstName = "Margaret", lastName = "Hamilton", email = second, source = "Event", company = "Apollo" });

        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(first), To = [new Person(rep.Email)] }, rep.Token);
        await Expect(pane.Participant(first)).ToContainTextAsync("Katherine Johnson");

        await pane.SelectItemAsync(new MailItem
        {
            Kind = "appointment",
            Organizer = new Person(rep.Email),
            Required = [new Person(second, "Margaret Hamilton")],
            Subject = "Apollo review",
        });

        await Expect(pane.Participant(second)).ToContainTextAsync("Apollo");
        await Expect(pane.Participant(first)).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("07-item-changed-meeting"));
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_API_error_is_shown_in_words()
    {
        var rep = NewRep("Eve Rep");
        var leadEmail = External("donald");
        var lead = await rep.Api.AddLeadAsync(new { firstName = "Donald", lastName = "Knuth", email = leadEmail, source = "Web" });
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, rep.Token);
        var card = pane.Participant(leadEmail);
        await Expect(card).ToContainTextAsync("Donald Knuth");

        // Someone else changes the contact after the pane loaded it: the pane's If-Match is stale.
        var version = (await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}")).GetProperty("version").GetInt32();
        await rep.Api.SendAsync(HttpMethod.Patch, $"api/contacts/{lead.Id()}", new { company = "Stanford" }, ifMatch: $"\"{version}\"");

        await card.GetByRole(AriaRole.Button, new() { Name = "Follow-up" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Tomorrow" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Save follow-up" }).ClickAsync();

        var status = card.GetByTestId("action-status");
        await Expect(status).ToContainTextAsync("The contact changed meanwhile");
        await Expect(status).ToContainTextAsync("Reload it and apply your change again.");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("08-api-error"));

        // The pane fetched the current version, so the rep's second try goes through.
        await Expect(card).ToContainTextAsync("Stanford");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save follow-up" }).ClickAsync();
        await Expect(status).ToContainTextAsync("Follow-up set for");
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_stage_change_to_lost_needs_a_reason_and_is_saved()
    {
        var rep = NewRep("Sam Rep");
        var leadEmail = External("john");
        var lead = await rep.Api.AddLeadAsync(new { firstName = "John", lastName = "Backus", email = leadEmail, source = "Web", stage = "proposal" });
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, rep.Token);
        var card = pane.Participant(leadEmail);

        await card.GetByRole(AriaRole.Button, new() { Name = "Stage" }).ClickAsync();
        await card.GetByLabel("Stage", new() { Exact = true }).SelectOptionAsync("lost");
        var change = card.GetByRole(AriaRole.Button, new() { Name = "Change stage" });
        await Expect(change).ToBeDisabledAsync();
        await card.GetByLabel("Reason").FillAsync("Chose an in-house tool");
        await change.ClickAsync();

        await Expect(card.GetByTestId("action-status")).ToHaveTextAsync("Stage changed to Lost.");
        var contact = await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}");
        Assert.Equal("lost", contact.GetProperty("stage").GetString());
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Locally_the_rep_pastes_a_token_once_and_the_pane_signs_in()
    {
        var rep = NewRep("Tess Rep");
        var leadEmail = External("ken");
        await rep.Api.AddLeadAsync(new { firstName = "Ken", lastName = "Thompson", email = leadEmail, source = "Web" });
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, token: null);

        var box = pane.Page.GetByLabel("Token");
        await Expect(box).ToBeVisibleAsync();
        Assert.Equal("textarea", await box.EvaluateAsync<string>("e => e.tagName.toLowerCase()"));
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("00-local-sign-in"));
        await box.FillAsync("not a token");
        await pane.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(pane.Page.GetByText("That is not a token")).ToBeVisibleAsync();

        await box.FillAsync(rep.Token);
        await pane.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(pane.Participant(leadEmail)).ToContainTextAsync("Ken Thompson");
        Assert.Equal(rep.Token, await pane.Page.EvaluateAsync<string>("() => sessionStorage.getItem('leadmail.token')"));
        Assert.DoesNotContain("eyJ", pane.Page.Url);
        pane.AssertNoScriptErrors();
    }
}
