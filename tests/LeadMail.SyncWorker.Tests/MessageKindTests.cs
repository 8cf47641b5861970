using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Tests.Infrastructure;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>
/// Mail that is not a lead writing: meeting messages (the calendar logs the meeting), newsletters and automatic
/// mail (known by their internetMessageHeaders, https://learn.microsoft.com/graph/api/resources/message?view=graph-rest-1.0),
/// and non-delivery reports, which mark the outbound touch they answer as bounced.
/// </summary>
public sealed class MessageKindTests : IAsyncLifetime
{
    private readonly SyncTestBed bed = new();
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(-3);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Invitations_responses_and_cancellations_are_not_email_touches()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Inbox, [[
            MeetingMessage("#microsoft.graph.eventMessageRequest", "meetingRequest", "<invite@fabrikam.example>", lee.Emails.Single().Address, [ann.Email], Day),
            MeetingMessage("#microsoft.graph.eventMessageResponse", "meetingAccepted", "<accepted@fabrikam.example>", "lee@fabrikam.example", [ann.Email], Day, "accepted"),
            MeetingMessage("#microsoft.graph.eventMessageResponse", "meetingTenativelyAccepted", "<tentative@fabrikam.example>", "lee@fabrikam.example", [ann.Email], Day, "tentativelyAccepted"),
            MeetingMessage("#microsoft.graph.eventMessageResponse", "meetingDeclined", "<declined@fabrikam.example>", "lee@fabrikam.example", [ann.Email], Day, "declined"),
            MeetingMessage("#microsoft.graph.eventMessage", "meetingCancelled", "<cancelled@fabrikam.example>", "lee@fabrikam.example", [ann.Email], Day),
            Message("<real@fabrikam.example>", "lee@fabrikam.example", [ann.Email], Day, subject: "A real question"),
        ]], "i1");
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.SentItems, [[
            MeetingMessage("#microsoft.graph.eventMessageRequest", "meetingRequest", "<my-invite@contoso.com>", ann.Email, ["lee@fabrikam.example"], Day),
        ]], "s1");

        await bed.RoundSucceedsAsync();

        var touch = Assert.Single(await bed.TouchesAsync());
        Assert.Equal(("A real question", Direction.Inbound), (touch.Subject, touch.Direction));
    }

    [Fact]
    public async Task Newsletters_and_automatic_replies_are_skipped_by_their_headers_and_a_subject_alone_changes_nothing()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        await bed.AddContactAsync("lee@fabrikam.example");
        var from = "lee@fabrikam.example";
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Inbox, [[
            WithHeaders(Message("<news@fabrikam.example>", from, [ann.Email], Day), ("List-Unsubscribe", "<mailto:unsubscribe@fabrikam.example>")),
            WithHeaders(Message("<bulk@fabrikam.example>", from, [ann.Email], Day), ("Precedence", "bulk")),
            WithHeaders(Message("<list@fabrikam.example>", from, [ann.Email], Day), ("Precedence", "list")),
            WithHeaders(Message("<junk@fabrikam.example>", from, [ann.Email], Day), ("Precedence", "junk")),
            WithHeaders(Message("<generated@fabrikam.example>", from, [ann.Email], Day), ("Auto-Submitted", "auto-generated")),
            WithHeaders(Message("<oof@fabrikam.example>", from, [ann.Email], Day, subject: "Automatic reply: Our offer"), ("Auto-Submitted", "auto-replied")),
            WithHeaders(Message("<oof2@fabrikam.example>", from, [ann.Email], Day, subject: "Out of office"), ("X-Auto-Response-Suppress", "All")),
            // Written by Lee: Auto-Submitted: no, and an out-of-office-looking subject without the headers.
            WithHeaders(Message("<human@fabrikam.example>", from, [ann.Email], Day, subject: "Re: Out of office?"), ("Auto-Submitted", "no"), ("Precedence", "first-class")),
            Message("<plain@fabrikam.example>", from, [ann.Email], Day, subject: "Newsletter feedback"),
        ]], "i1");

        await bed.RoundSucceedsAsync();

        Assert.Equal(["<human@fabrikam.example>", "<plain@fabrikam.example>"],
            (await bed.TouchesAsync()).Select(t => t.NaturalKey["mail:inbound:".Length..]).Order());
        // Received mail asks for the headers; Sent Items, which holds only the rep's own mail, does not.
        Assert.Contains("internetMessageHeaders", Select(bed.Graph.RequestsFor(ann.EntraObjectId!, MailboxStream.Inbox)[0]));
        Assert.DoesNotContain("internetMessageHeaders", Select(bed.Graph.RequestsFor(ann.EntraObjectId!, MailboxStream.SentItems)[0]));
    }

    [Fact]
    public async Task A_non_delivery_report_marks_the_outbound_touch_it_answers_bounced_even_before_Sent_Items_is_read()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        var kim = await bed.AddContactAsync("kim@northwind.example");
        var offer = Message("<offer@contoso.com>", ann.Email, ["lee@fabrikam.example", "kim@northwind.example"], Day, subject: "Our offer");
        // A delivery status notification (RFC 3464) in a multipart/report (RFC 6522, https://www.rfc-editor.org/rfc/rfc6522),
        // answering the offer (In-Reply-To) and naming the recipient that failed.
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Inbox, [[
            WithHeaders(Message("<ndr-1@fabrikam.example>", "postmaster@fabrikam.example", [ann.Email], Day.AddMinutes(1), subject: "Undeliverable: Our offer"),
                ("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"b1\""),
                ("In-Reply-To", "<offer@contoso.com>"), ("References", "<offer@contoso.com>"),
                ("X-Failed-Recipients", "lee@fabrikam.example"), ("Auto-Submitted", "auto-replied")),
        ]], "i1");
        bed.Graph.ServeMessageLookup(ann.EntraObjectId!, "offer@contoso.com", offer);
        // Sent Items holds nothing yet this round: the offer is only read in the next.
        await bed.RoundSucceedsAsync();

        var bounced = Assert.Single(await bed.TouchesAsync());
        Assert.Equal((lee.Id, Direction.Outbound, Outcome.Bounced, "Our offer"), (bounced.ContactId, bounced.Direction, bounced.Outcome, bounced.Subject));
        Assert.Equal(TouchKey.ForMail("<offer@contoso.com>", Direction.Outbound), bounced.NaturalKey);

        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.SentItems, [[offer]], "s1");
        await bed.RoundSucceedsAsync();
        var touches = await bed.TouchesAsync();
        Assert.Equal(2, touches.Count);
        Assert.Equal(Outcome.Bounced, touches.Single(t => t.ContactId == lee.Id).Outcome);
        Assert.Null(touches.Single(t => t.ContactId == kim.Id).Outcome);
    }

    private static string Select(WireMock.Logging.ILogEntry entry) =>
        Uri.UnescapeDataString(entry.RequestMessage.RawQuery ?? "");
}
