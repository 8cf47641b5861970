using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>"If they say not to call, don't call": the rep records it from the card in one click, and takes it back the same way.</summary>
public sealed class ConsentToggleTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task Asked_not_to_be_called_is_one_switch_recorded_with_who_and_when_and_taken_back_the_same_way()
    {
        var repEmail = $"{Unique("rita")}@contoso.com";
        var rep = host.ApiAs(repEmail, "Rita Rep");
        var leadEmail = $"{Unique("alan")}@fabrikam.example";
        var lead = await rep.AddLeadAsync(new { firstName = "Alan", lastName = "Turing", email = leadEmail, company = "Bletchley" });

        await using var pane = await TaskPane.OpenAsync(host, repEmail, new MailItem
        {
            From = new Person(leadEmail, "Alan Turing"),
            To = [new Person(repEmail, "Rita Rep")],
            Subject = "Please stop calling",
            InternetMessageId = $"<{Guid.NewGuid():N}@fabrikam.example>",
        }, host.TokenFor(repEmail, name: "Rita Rep"));
        await pane.ReadyAsync();
        var card = pane.Participant(leadEmail);
        await Expect(card.GetByTestId("lead-warning")).ToHaveCountAsync(0);

        await card.GetByRole(AriaRole.Button, new() { Name = "Consent" }).ClickAsync();
        await card.GetByRole(AriaRole.Switch, new() { Name = "Asked not to be called" }).ClickAsync();
        await Expect(card.GetByTestId("action-status")).ToContainTextAsync("Recorded: asked not to be called.");
        await Expect(card.GetByTestId("lead-warning")).ToContainTextAsync("Do not call");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("50-consent-do-not-call"));

        var contact = await rep.GetJsonAsync($"api/contacts/{lead.Id()}");
        Assert.True(contact.GetProperty("doNotCall").GetBoolean());
        var history = await rep.GetJsonAsync($"api/contacts/{lead.Id()}/consent/changes");
        var change = Assert.Single(history.EnumerateArray());
        Assert.Equal("Rita Rep", change.GetProperty("byRepName").GetString());
        Assert.Equal("doNotCall", change.GetProperty("flag").GetString());
        Assert.True(change.GetProperty("value").GetBoolean());

        // The switches show what the lead asked when opened again; the same switch takes it back.
        await card.GetByRole(AriaRole.Button, new() { Name = "Consent" }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Switch, new() { Name = "Asked not to be called" })).ToBeCheckedAsync();
        await card.GetByRole(AriaRole.Switch, new() { Name = "Asked not to be called" }).ClickAsync();
        await Expect(card.GetByTestId("action-status")).ToContainTextAsync("Taken back: asked not to be called.");
        await Expect(card.GetByTestId("lead-warning")).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("51-consent-taken-back"));
        Assert.False((await rep.GetJsonAsync($"api/contacts/{lead.Id()}")).GetProperty("doNotCall").GetBoolean());
        Assert.Equal(2, (await rep.GetJsonAsync($"api/contacts/{lead.Id()}/consent/changes")).GetArrayLength());
        pane.AssertNoScriptErrors();
    }
}
