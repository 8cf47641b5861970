using System.Text.Json.Nodes;
using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Tests.Infrastructure;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>What becomes a touch: directions, colleagues and blocklists, unknown correspondents, meetings.</summary>
public sealed class MappingTests : IAsyncLifetime
{
    private readonly SyncTestBed bed = new();
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(-3);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Received_mail_is_inbound_from_the_sender_and_sent_mail_is_outbound_to_each_recipient_who_is_a_contact()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        var bob = await bed.AddRepAsync("bob@contoso.com");
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        var kim = await bed.AddContactAsync("kim@northwind.example");
        var max = await bed.AddContactAsync("max@tailspin.example");
        // Lee writes to Ann and Bob at once: both inboxes hold the same message.
        var toBoth = Message("<to-both@fabrikam.example>", "Lee@Fabrikam.example", [ann.Email, bob.Email], Day, subject: "Question for you both");
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Inbox, [[toBoth]], "a1");
        bed.Graph.ServeRound(bob.EntraObjectId!, MailboxStream.Inbox, [[toBoth]], "b1");
        // Ann writes to Kim, copies Max and a colleague, blind-copies Lee; one draft never went out.
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.SentItems, [[
            Message("<offer@contoso.com>", ann.Email, ["kim@northwind.example"], Day.AddHours(2),
                cc: ["max@tailspin.example", "bob@contoso.com"], bcc: ["lee@fabrikam.example"], subject: "Our offer"),
            Message("<draft@contoso.com>", ann.Email, ["kim@northwind.example"], Day.AddHours(3), isDraft: true),
        ]], "a2");

        Assert.True((await bed.RunRoundAsync()).AllSucceeded);

        var touches = await bed.TouchesAsync();
        var inbound = Assert.Single(touches, t => t.Direction == Direction.Inbound);
        Assert.Equal((lee.Id, "Question for you both"), (inbound.ContactId, inbound.Subject));
        // One inbound touch per contact per message, whichever mailbox synced it first.
        Assert.Contains(inbound.RepId, new int?[] { ann.Id, bob.Id });
        var outbound = touches.Where(t => t.Direction == Direction.Outbound).ToList();
        Assert.Equal(new[] { lee.Id, kim.Id, max.Id }.Order(), outbound.Select(t => t.ContactId).Order());
        Assert.All(outbound, t => Assert.Equal((ann.Id, TouchKey.ForMail("<offer@contoso.com>", Direction.Outbound)), (t.RepId!.Value, t.NaturalKey)));
        Assert.Equal(4, touches.Count);

        var contacts = await bed.ContactsAsync();
        Assert.Equal(2, contacts.Single(c => c.Id == lee.Id).TouchesTotal);
        Assert.NotNull(contacts.Single(c => c.Id == lee.Id).LastInboundAt);
    }

    [Fact]
    public async Task Colleagues_and_excluded_addresses_never_become_touches_or_contacts_even_when_auto_creating()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        bed.Settings["Sync:AutoCreateContacts"] = "Both";
        bed.Settings["Sync:ExcludedAddresses:91"] = "alerts@vendor.example";
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Inbox, [[
            Message("<1@contoso.com>", "bob@contoso.com", [ann.Email], Day),
            Message("<2@mailer.example.com>", "weekly@news.mailer.example.com", [ann.Email], Day),
            Message("<3@vendor.example>", "noreply@vendor.example", [ann.Email], Day),
            Message("<4@vendor.example>", "alerts@vendor.example", [ann.Email], Day),
            Message("<5@new.example>", "nora@new.example", [ann.Email], Day),
        ]], "a1");

        Assert.True((await bed.RunRoundAsync()).AllSucceeded);

        var contact = Assert.Single(await bed.ContactsAsync());
        Assert.Equal("nora@new.example", contact.Emails.Single().Address);
        var touch = Assert.Single(await bed.TouchesAsync());
        Assert.Equal(contact.Id, touch.ContactId);
    }

    [Fact]
    public async Task Unknown_correspondents_are_ignored_by_default()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Inbox, [[Message("<1@new.example>", "nora@new.example", [ann.Email], Day)]], "a1");
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.SentItems, [[Message("<2@contoso.com>", ann.Email, ["omar@other.example"], Day)]], "a2");

        Assert.True((await bed.RunRoundAsync()).AllSucceeded);

        Assert.Empty(await bed.ContactsAsync());
        Assert.Empty(await bed.TouchesAsync());
        Assert.Equal(2, (await bed.StreamAsync(ann.Id, MailboxStream.Inbox)).ItemsSynced + (await bed.StreamAsync(ann.Id, MailboxStream.SentItems)).ItemsSynced);
    }

    [Fact]
    public async Task The_inbound_policy_creates_contacts_for_people_who_write_in_but_not_for_people_a_rep_writes_to()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        bed.Settings["Sync:AutoCreateContacts"] = "Inbound";
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Inbox, [[Message("<1@new.example>", "nora@new.example", [ann.Email], Day)]], "a1");
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.SentItems, [[Message("<2@contoso.com>", ann.Email, ["omar@other.example"], Day)]], "a2");

        Assert.True((await bed.RunRoundAsync()).AllSucceeded);

        var contact = Assert.Single(await bed.ContactsAsync());
        Assert.Equal("nora@new.example", contact.PrimaryEmail);
        Assert.Equal("Mailbox sync: wrote to a rep", contact.Source);
        Assert.Equal(1, contact.TouchesTotal);
        Assert.Equal(Direction.Inbound, Assert.Single(await bed.TouchesAsync()).Direction);
    }

    [Fact]
    public async Task A_meeting_is_one_touch_per_attendee_contact_updated_when_rescheduled_and_when_cancelled()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        var kim = await bed.AddContactAsync("kim@northwind.example");
        var past = DateTime.UtcNow.Date.AddDays(-2).AddHours(10);
        var future = DateTime.UtcNow.Date.AddDays(5).AddHours(10);
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Calendar, [[
            Event("held-1", past, ann.Email, ["lee@fabrikam.example", "bob@contoso.com"], subject: "Demo"),
            Event("plan-1", future, ann.Email, ["kim@northwind.example"], subject: "Kick-off"),
        ]], "c1");

        Assert.True((await bed.RunRoundAsync()).AllSucceeded);
        var touches = await bed.TouchesAsync();
        Assert.Equal(2, touches.Count);
        var held = touches.Single(t => t.ContactId == lee.Id);
        Assert.Equal((Channel.Meeting, Outcome.Held, true, past), (held.Channel, held.Outcome!.Value, held.IsConnect, held.OccurredAt));
        Assert.Null(touches.Single(t => t.ContactId == kim.Id).Outcome);

        // Rescheduled two days later.
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Calendar, [[Event("plan-1", future.AddDays(2), ann.Email, ["kim@northwind.example"], subject: "Kick-off (moved)")]], "c2", fromDeltaToken: "c1");
        Assert.True((await bed.RunRoundAsync()).AllSucceeded);
        var moved = Assert.Single(await bed.TouchesAsync(), t => t.ContactId == kim.Id);
        Assert.Equal((future.AddDays(2), "Kick-off (moved)"), (moved.OccurredAt, moved.Subject));

        // Then cancelled.
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Calendar, [[Event("plan-1", future.AddDays(2), ann.Email, ["kim@northwind.example"], cancelled: true, subject: "Canceled: Kick-off (moved)")]], "c3", fromDeltaToken: "c2");
        Assert.True((await bed.RunRoundAsync()).AllSucceeded);
        var cancelled = Assert.Single(await bed.TouchesAsync(), t => t.ContactId == kim.Id);
        Assert.Equal(moved.Id, cancelled.Id);
        Assert.Equal(Outcome.Cancelled, cancelled.Outcome);
        Assert.Equal(2, (await bed.TouchesAsync()).Count);
    }

    [Fact]
    public async Task A_meeting_synced_before_it_happens_counts_as_held_once_it_has_ended()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        var kim = await bed.AddContactAsync("kim@northwind.example");
        var max = await bed.AddContactAsync("max@tailspin.example");
        var tomorrow = DateTime.UtcNow.Date.AddDays(1).AddHours(10);
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Calendar, [[
            Event("demo-1", tomorrow, ann.Email, ["lee@fabrikam.example"], subject: "Demo"),
            Event("call-1", tomorrow, ann.Email, ["kim@northwind.example"], cancelled: true, subject: "Canceled: Call"),
            Event("plan-1", tomorrow.AddDays(10), ann.Email, ["max@tailspin.example"], subject: "Kick-off"),
        ]], "c1");
        Assert.True((await bed.RunRoundAsync()).AllSucceeded);
        Assert.Null((await bed.TouchesAsync()).Single(t => t.ContactId == lee.Id).Outcome);
        Assert.Null((await bed.ContactsAsync()).Single(c => c.Id == lee.Id).FirstConnectAt);

        // Two days on, Graph has nothing new to say about the calendar: the demo has simply ended.
        bed.Graph.ResetPages();
        Assert.True((await bed.RunRoundAsync(new TestClock(TimeSpan.FromDays(2)))).AllSucceeded);

        var touches = await bed.TouchesAsync();
        var demo = touches.Single(t => t.ContactId == lee.Id);
        Assert.Equal((Outcome.Held, true, tomorrow, tomorrow.AddMinutes(30)), (demo.Outcome!.Value, demo.IsConnect, demo.OccurredAt, demo.EndsAt!.Value));
        Assert.Equal(Outcome.Cancelled, touches.Single(t => t.ContactId == kim.Id).Outcome);
        Assert.Null(touches.Single(t => t.ContactId == max.Id).Outcome);
        Assert.Equal(3, touches.Count);
        var leeNow = (await bed.ContactsAsync()).Single(c => c.Id == lee.Id);
        Assert.Equal((1, tomorrow), (leeNow.TouchesTotal, leeNow.FirstConnectAt!.Value));
        Assert.True(leeNow.ScoreBase > 0);
    }

    [Fact]
    public async Task A_meeting_deleted_before_it_happens_is_cancelled_and_one_deleted_after_stays_held()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        var kim = await bed.AddContactAsync("kim@northwind.example");
        var yesterday = DateTime.UtcNow.Date.AddDays(-1).AddHours(10);
        var tomorrow = DateTime.UtcNow.Date.AddDays(1).AddHours(10);
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Calendar, [[
            Event("done-1", yesterday, ann.Email, ["lee@fabrikam.example"], subject: "Review"),
            Event("plan-1", tomorrow, ann.Email, ["kim@northwind.example", "lee@fabrikam.example"], subject: "Kick-off"),
        ]], "c1");
        Assert.True((await bed.RunRoundAsync()).AllSucceeded);

        // Ann deletes both from her calendar: Graph names only the events' ids.
        bed.Graph.ResetPages();
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Calendar, [[Removed("AAMkEvdone-1"), Removed("AAMkEvplan-1")]], "c2", fromDeltaToken: "c1");
        Assert.True((await bed.RunRoundAsync()).AllSucceeded);

        var touches = await bed.TouchesAsync();
        Assert.Equal(3, touches.Count);
        Assert.Equal(Outcome.Held, touches.Single(t => t.NaturalKey == TouchKey.ForMeeting("done-1")).Outcome);
        Assert.All(touches.Where(t => t.NaturalKey == TouchKey.ForMeeting("plan-1")), t => Assert.Equal((Outcome.Cancelled, false), (t.Outcome!.Value, t.IsConnect)));

        // Once its time has passed, the deleted meeting is not taken for one that was held.
        bed.Graph.ResetPages();
        Assert.True((await bed.RunRoundAsync(new TestClock(TimeSpan.FromDays(3)))).AllSucceeded);
        Assert.Equal(Outcome.Cancelled, (await bed.TouchesAsync()).Single(t => t.ContactId == kim.Id).Outcome);
        Assert.Null((await bed.ContactsAsync()).Single(c => c.Id == kim.Id).FirstConnectAt);
        Assert.Equal(yesterday, (await bed.ContactsAsync()).Single(c => c.Id == lee.Id).FirstConnectAt);
    }
}
