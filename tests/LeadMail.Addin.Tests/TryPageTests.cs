using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadMail.Addin.Tests;

/// <summary>
/// LeadMail without Outlook: the pane opened in a plain tab says what it is and links to /try, and /try runs the real
/// pane beside a simulated mailbox of the demo's people, signed in by picking a local rep.
/// </summary>
public sealed class TryPageTests(PaneFixture host, ITestOutputHelper output) : IClassFixture<PaneFixture>
{
    // What Office.js does outside an Office host: onReady answers, with no host.
    private const string OfficeOutsideOffice =
        "window.Office = { HostType: { Outlook: 'Outlook' }, context: {}, onReady(cb) { const info = { host: null, platform: null }; setTimeout(() => cb && cb(info), 0); return Promise.resolve(info); } };";

    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string path, string officeJs, int width = 360)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 860 } });
        await context.RouteAsync("https://appsforoffice.microsoft.com/**",
            route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/javascript", Body = officeJs }));
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(host.Root, path).ToString());
        return (context, page);
    }

    private async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(TaskPane.ScreenshotDirectory);
        var path = Path.Combine(TaskPane.ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    [Theory]
    [InlineData("", "40-outside-outlook-no-office-js")]
    [InlineData(OfficeOutsideOffice, "41-outside-outlook-office-js")]
    public async Task The_pane_opened_outside_Outlook_says_so_and_links_to_the_try_page(string officeJs, string screenshot)
    {
        var (context, page) = await OpenAsync("addin/taskpane.html", officeJs);
        await using var _ = context;

        var note = page.GetByTestId("outside-outlook");
        await Expect(note).ToContainTextAsync("opened outside Outlook");
        output.WriteLine("Screenshot: " + await ScreenshotAsync(page, screenshot));
        await note.GetByRole(AriaRole.Link, new() { Name = "try it beside a simulated mailbox" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync("Try LeadMail without Outlook");
    }

    [Fact]
    public async Task The_try_page_drives_the_real_pane_through_a_read_message_a_reply_and_meetings_on_both_sides()
    {
        // The demo's rep and leads, as the sync worker's demo seeds them (addin/src/try/demoMailbox.ts).
        var alice = host.ApiAs("alice@contoso.com", "Alice");
        await alice.AddLeadAsync(new { firstName = "Ana", lastName = "Ahmed", email = "ana.ahmed0@fabrikam.com", company = "Fabrikam", source = "Event" });
        await alice.AddLeadAsync(new { firstName = "Ben", lastName = "Ahmed", email = "ben.ahmed1@northwind.example", company = "Northwind", source = "Web", doNotEmail = true });
        await alice.AddLeadAsync(new { firstName = "Chloé", lastName = "Ahmed", email = "chloe.ahmed2@adventure-works.example", company = "Adventure Works", source = "Referral" });
        await alice.AddLeadAsync(new { firstName = "Dev", lastName = "Ahmed", email = "dev.ahmed3@tailspin.example", company = "Tailspin", source = "Partner" });

        var (context, page) = await OpenAsync("try", "", width: 1100);
        await using var _ = context;
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        var pane = page.FrameLocator("iframe[title='LeadMail task pane']");

        // Signed in by picking the local rep, not by pasting a token.
        await pane.GetByRole(AriaRole.Group, new() { Name = "Local reps" }).GetByRole(AriaRole.Button, new() { Name = "Alice · rep" }).ClickAsync();
        var ana = pane.GetByTestId("participant-ana.ahmed0@fabrikam.com");
        await Expect(ana).ToContainTextAsync("Fabrikam");
        await Expect(ana.GetByTestId("message-logged")).ToHaveTextAsync("Not logged yet");
        output.WriteLine("Screenshot: " + await ScreenshotAsync(page, "42-try-read-message"));

        await page.Locator("button[data-item=compose]").ClickAsync();
        await Expect(pane.GetByTestId("compose-warning")).ToContainTextAsync("Ben Ahmed: Do not email");
        await Expect(pane.GetByTestId("participant-bob@contoso.com")).ToHaveCountAsync(0);
        await Expect(ana).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await ScreenshotAsync(page, "43-try-reply-compose"));

        await page.Locator("button[data-item=organizer]").ClickAsync();
        await Expect(pane.GetByTestId("participant-chloe.ahmed2@adventure-works.example")).ToContainTextAsync("Adventure Works");
        await Expect(pane.GetByText("1 external participant", new() { Exact = true })).ToBeVisibleAsync();
        output.WriteLine("Screenshot: " + await ScreenshotAsync(page, "44-try-meeting-organizer"));

        await page.Locator("button[data-item=attendee]").ClickAsync();
        await Expect(pane.GetByTestId("participant-dev.ahmed3@tailspin.example")).ToContainTextAsync("Tailspin");
        output.WriteLine("Screenshot: " + await ScreenshotAsync(page, "45-try-meeting-attendee"));

        // The pane in the frame is the real one: a touch logged there reaches the API.
        var dev = pane.GetByTestId("participant-dev.ahmed3@tailspin.example");
        await dev.GetByRole(AriaRole.Button, new() { Name = "Note" }).ClickAsync();
        await dev.GetByLabel("Note").FillAsync("Wants the trial extended");
        await dev.GetByRole(AriaRole.Button, new() { Name = "Log note" }).ClickAsync();
        await Expect(dev.GetByTestId("timeline")).ToContainTextAsync("Wants the trial extended");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_typed_address_and_role_sign_in_and_the_token_box_stays()
    {
        var leadEmail = $"hal.{Guid.NewGuid():N}"[..12] + "@fabrikam.example";
        var rep = $"newcomer.{Guid.NewGuid():N}"[..17] + "@contoso.com";
        await host.ApiAs(rep, "Newcomer").AddLeadAsync(new { firstName = "Hal", lastName = "Abelson", email = leadEmail, source = "Web" });
        await using var pane = await TaskPane.OpenAsync(host, rep, new MailItem { From = new Person(leadEmail), To = [new Person(rep)] }, token: null);

        await Expect(pane.Page.GetByLabel("Token")).ToBeVisibleAsync();
        var picker = pane.Page.GetByRole(AriaRole.Region, new() { Name = "Pick a local rep" });
        await picker.GetByLabel("Address").FillAsync(rep);
        await picker.GetByLabel("Role").SelectOptionAsync("rep");
        output.WriteLine("Screenshot: " + await pane.ScreenshotAsync("46-dev-sign-in-picker"));
        await picker.GetByRole(AriaRole.Button, new() { Name = "Use this address" }).ClickAsync();

        await Expect(pane.Participant(leadEmail)).ToContainTextAsync("Hal Abelson");
        pane.AssertNoScriptErrors();
    }
}
