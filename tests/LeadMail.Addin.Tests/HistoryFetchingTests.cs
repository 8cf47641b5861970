using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>A lead added today: the card says its past emails and meetings are being fetched, then shows the timeline.</summary>
public sealed class HistoryFetchingTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task A_new_lead_shows_its_history_being_fetched_and_the_card_asks_again_until_it_is_done()
    {
        var repEmail = $"{Unique("rita")}@contoso.com";
        var rep = host.ApiAs(repEmail, "Rita Rep");
        var leadEmail = $"{Unique("alan")}@fabrikam.example";
        var lead = await rep.AddLeadAsync(new { firstName = "Alan", lastName = "Turing", email = leadEmail, company = "Bletchley" });
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // A mailbox that syncs: the worker will fetch the new lead's history from it.
            var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
            var now = DateTime.UtcNow;
            db.Reps.Add(new Rep { Email = $"{Unique("sam")}@contoso.com", DisplayName = "Sam Synced", SyncEnabled = true, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        await using var pane = await TaskPane.OpenAsync(host, repEmail, new MailItem
        {
            From = new Person(leadEmail, "Alan Turing"),
            To = [new Person(repEmail, "Rita Rep")],
            Subject = "Good to meet you",
            InternetMessageId = $"<{Guid.NewGuid():N}@fabrikam.example>",
        }, host.TokenFor(repEmail, name: "Rita Rep"));
        await pane.ReadyAsync();
        var card = pane.Participant(leadEmail);
        await Expect(card.GetByTestId("history-fetching")).ToContainTextAsync("Fetching past emails and meetings…");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("60-history-fetching"));

        // A touch lands meanwhile and the worker finishes: the card's next refresh shows the timeline.
        await rep.LogCallAsync(lead.Id());
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<LeadMailDb>().ContactEmails.Where(e => e.Address == leadEmail)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.HistoryPending, false));
        await Expect(card.GetByTestId("history-fetching")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(card.GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("61-history-fetched"));
        pane.AssertNoScriptErrors();
    }
}
