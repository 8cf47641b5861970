using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>
/// A lead another rep owns, beside an email in the pane: its warnings and owner, none of its history, and a way
/// to ask for it that the owner can accept.
/// </summary>
public sealed class ColleagueLeadTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task A_colleagues_lead_shows_its_warnings_and_owner_without_its_history_and_can_be_asked_for()
    {
        var ownerEmail = $"{Unique("owen")}@contoso.com";
        var owner = host.ApiAs(ownerEmail, "Owen Owner");
        var repEmail = $"{Unique("rita")}@contoso.com";
        var leadEmail = $"{Unique("grace")}@fabrikam.example";
        var lead = await owner.AddLeadAsync(new
        {
            firstName = "Grace", lastName = "Hopper", email = leadEmail, company = "Compilers Inc", doNotEmail = true,
            background = "Owner's private notes on the deal",
        });
        await owner.SendAsync(HttpMethod.Post, $"api/contacts/{lead.Id()}/interactions",
            new { channel = "call", outcome = "connected", notes = "Discussed the owner's pricing" });

        await using var pane = await TaskPane.OpenAsync(host, repEmail, new MailItem
        {
            Mode = "compose",
            To = [new Person(leadEmail, "Grace Hopper")],
            Subject = "Hello",
        }, host.TokenFor(repEmail, name: "Rita Rep"));
        await pane.ReadyAsync();

        var card = pane.Participant(leadEmail);
        await Expect(card).ToContainTextAsync("Owen Owner's lead");
        var restricted = card.GetByTestId("restricted-card");
        await Expect(restricted).ToContainTextAsync("Do not email");
        await Expect(restricted).ToContainTextAsync("1 of 3 in the last 7 days");
        await Expect(pane.Page.GetByTestId("compose-warning")).ToContainTextAsync("Grace Hopper: Do not email");
        // None of the owner's history or notes reach a colleague's pane.
        await Expect(card).Not.ToContainTextAsync("pricing");
        await Expect(card).Not.ToContainTextAsync("private notes");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("60-colleagues-lead"));

        await restricted.GetByLabel("Why it should be yours (optional)").FillAsync("She wrote to me first");
        await restricted.GetByRole(AriaRole.Button, new() { Name = "Ask for this lead" }).ClickAsync();
        await Expect(restricted.GetByTestId("hand-over-asked")).ToBeVisibleAsync();
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("61-colleagues-lead-asked"));

        // The owner sees the request and accepts it; the lead is then the rep's, with its whole card.
        var requests = await owner.GetJsonAsync("api/hand-over-requests");
        var request = requests.EnumerateArray().Single(r => r.GetProperty("contactId").GetInt32() == lead.Id());
        Assert.Equal("She wrote to me first", request.GetProperty("note").GetString());
        await owner.SendAsync(HttpMethod.Post, $"api/hand-over-requests/{request.GetProperty("id").GetInt32()}/accept", new { });
        await pane.Page.ReloadAsync();
        await pane.ReadyAsync();
        await Expect(pane.Participant(leadEmail)).ToContainTextAsync("Compilers Inc");
        await Expect(pane.Participant(leadEmail).GetByTestId("restricted-card")).ToHaveCountAsync(0);
        await Expect(pane.Participant(leadEmail).GetByTestId("timeline")).ToContainTextAsync("Connected");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("62-colleagues-lead-handed-over"));
        pane.AssertNoScriptErrors();
    }
}
