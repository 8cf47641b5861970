using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>The lead's profile edited from the card, and the follow-up kept or withdrawn as two different acts.</summary>
public sealed class ProfileEditTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}"[..(name.Length + 9)];

    private (string Email, HttpClient Api, string Token) NewRep(string name)
    {
        var email = $"{Unique(name)}@contoso.com";
        return (email, host.ApiAs(email, name), host.TokenFor(email, name: name));
    }

    private static string External(string name) => $"{Unique(name)}@fabrikam.example";

    [Fact]
    public async Task A_profile_edited_while_a_colleague_changed_it_shows_the_current_version_and_saves_after_reloading()
    {
        var rep = NewRep("Pam Rep");
        var leadEmail = External("dorothy");
        var lead = await rep.Api.AddLeadAsync(new
        {
            firstName = "Dorothy", lastName = "Vaughan", email = leadEmail, source = "Event", title = "Engineer", city = "Hampton", interest = "FORTRAN",
        });
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, rep.Token);
        var card = pane.Participant(leadEmail);

        await card.GetByRole(AriaRole.Button, new() { Name = "Profile" }).ClickAsync();
        var form = card.GetByRole(AriaRole.Form, new() { Name = "Edit the profile" });
        await Expect(form.GetByLabel("Title")).ToHaveValueAsync("Engineer");
        await Expect(form.GetByLabel("Where first met")).ToHaveValueAsync("Event");
        await form.GetByLabel("Title").FillAsync("Head of programming");
        await form.GetByLabel("Phone", new() { Exact = true }).FillAsync("+1 757 555 0100");
        await form.GetByLabel("Street").FillAsync("1 Langley Blvd");
        await form.GetByLabel("When first met").FillAsync("2026-01-15");
        await form.GetByLabel("Background").FillAsync("Leads the computing section");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("30-profile-edit"));

        // Meanwhile a colleague changes the title through the API, with the version they read.
        var current = await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}");
        await rep.Api.SendAsync(HttpMethod.Patch, $"api/contacts/{lead.Id()}", new { title = "Section head" }, ifMatch: $"\"{current.GetProperty("version").GetInt32()}\"");

        await form.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        var conflict = form.GetByTestId("profile-conflict");
        await Expect(conflict).ToContainTextAsync("Someone changed this lead while you were editing; here is the current version");
        await Expect(conflict).ToContainTextAsync("Title: Section head");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("31-profile-changed-meanwhile"));
        // Nothing of the rep's edit overwrote the colleague's change.
        var untouched = await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}");
        Assert.Equal("Section head", untouched.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, untouched.GetProperty("phone").ValueKind);

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Reload the current version" }).ClickAsync();
        await Expect(form.GetByLabel("Title")).ToHaveValueAsync("Section head");
        await form.GetByLabel("Phone", new() { Exact = true }).FillAsync("+1 757 555 0100");
        await form.GetByLabel("Interest").FillAsync("");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(card.GetByTestId("action-status")).ToHaveTextAsync("Profile saved.");

        var saved = await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}");
        Assert.Equal("Section head", saved.GetProperty("title").GetString());
        Assert.Equal("+1 757 555 0100", saved.GetProperty("phone").GetString());
        Assert.Equal("Hampton", saved.GetProperty("city").GetString());
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("interest").ValueKind);
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("32-profile-saved"));
        pane.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Mark_done_records_the_follow_up_as_kept_and_Withdraw_as_withdrawn()
    {
        var rep = NewRep("Kit Rep");
        var leadEmail = External("annie");
        var lead = await rep.Api.AddLeadAsync(new
        {
            firstName = "Annie", lastName = "Easley", email = leadEmail, source = "Web",
            nextFollowUpDue = DateTime.UtcNow.AddDays(1).ToString("O"), nextFollowUpNote = "Send the slides",
        });
        await using var pane = await TaskPane.OpenAsync(host, rep.Email, new MailItem { From = new Person(leadEmail), To = [new Person(rep.Email)] }, rep.Token);
        var card = pane.Participant(leadEmail);

        await card.GetByRole(AriaRole.Button, new() { Name = "Follow-up" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Expect(card.GetByTestId("action-status")).ToHaveTextAsync("Follow-up withdrawn.");
        await Expect(card.GetByTestId("follow-up")).ToHaveTextAsync("None set");

        await card.GetByRole(AriaRole.Button, new() { Name = "Follow-up" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Tomorrow" }).ClickAsync();
        await card.GetByLabel("What to do").FillAsync("Call about the pilot");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save follow-up" }).ClickAsync();
        await Expect(card.GetByTestId("follow-up")).ToContainTextAsync("Call about the pilot");
        await card.GetByRole(AriaRole.Button, new() { Name = "Follow-up" }).ClickAsync();
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("33-follow-up-done-or-withdraw"));
        await card.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        await Expect(card.GetByTestId("action-status")).ToHaveTextAsync("Follow-up kept: recorded as done.");

        var history = (await rep.Api.GetJsonAsync($"api/contacts/{lead.Id()}/follow-ups")).EnumerateArray().ToList();
        var withdrawn = history.Single(f => f.GetProperty("note").GetString() == "Send the slides");
        Assert.Equal("withdrawn", withdrawn.GetProperty("closedReason").GetString());
        Assert.Equal(JsonValueKind.Null, withdrawn.GetProperty("completedAt").ValueKind);
        var kept = history.Single(f => f.GetProperty("note").GetString() == "Call about the pilot");
        Assert.NotEqual(JsonValueKind.Null, kept.GetProperty("completedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("closedReason").ValueKind);
        pane.AssertNoScriptErrors();
    }
}
