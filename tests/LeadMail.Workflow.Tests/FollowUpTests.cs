using System.Net;
using System.Net.Http.Json;
using LeadMail.Api.Contacts;
using LeadMail.Api.FollowUps;
using LeadMail.Api.Interactions;
using LeadMail.Api.Web;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Interactions;

namespace LeadMail.Workflow.Tests;

public sealed class FollowUpTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    [Fact]
    public async Task A_contact_has_one_open_follow_up_that_put_replaces_and_delete_withdraws()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var first = host.Clock.UtcNow.AddDays(3);
        var second = host.Clock.UtcNow.AddDays(5);

        await Expect.StatusAsync(await rep.PutAsJsonAsync($"/api/contacts/{contact.Id}/follow-up", new { dueAt = first, note = "send the quote" }, ApiJson.Options), HttpStatusCode.OK);
        var set = await Expect.JsonAsync<FollowUpDto>(await rep.PutAsJsonAsync($"/api/contacts/{contact.Id}/follow-up", new { dueAt = second, note = "call about the quote", channel = "call" }, ApiJson.Options));
        Assert.Equal((second, "call about the quote", Channel.Call, repId, true), (set.DueAt, set.Note, set.Channel, set.CreatedByRepId, set.Open));

        var shown = await host.GetContactAsync(rep, contact.Id);
        Assert.Equal((second, "call about the quote"), (shown.NextFollowUpDue, shown.NextFollowUpNote));
        Assert.True(shown.Version > contact.Version);

        var history = await rep.GetFromJsonAsync<List<FollowUpDto>>($"/api/contacts/{contact.Id}/follow-ups", ApiJson.Options);
        Assert.Equal(2, history!.Count);
        Assert.Single(history, f => f.Open);
        Assert.Equal("replaced", history.Single(f => !f.Open).ClosedReason);

        await Expect.StatusAsync(await rep.DeleteAsync($"/api/contacts/{contact.Id}/follow-up"), HttpStatusCode.NoContent);
        var cleared = await host.GetContactAsync(rep, contact.Id);
        Assert.Null(cleared.NextFollowUpDue);
        history = await rep.GetFromJsonAsync<List<FollowUpDto>>($"/api/contacts/{contact.Id}/follow-ups", ApiJson.Options);
        Assert.DoesNotContain(history!, f => f.Open);
        Assert.Equal(("withdrawn", repId), (history![0].ClosedReason, history[0].ClosedByRepId));
    }

    [Fact]
    public async Task Bad_follow_up_input_names_the_field_and_others_leads_are_not_found()
    {
        var (rep, _) = await host.RepAsync("rep");
        var (other, _) = await host.RepAsync("other");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });

        var missing = await Expect.ProblemAsync(await rep.PutAsJsonAsync($"/api/contacts/{contact.Id}/follow-up", new { note = "x" }, ApiJson.Options), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("dueAt", out _));
        var local = await Expect.ProblemAsync(await rep.PutAsJsonAsync($"/api/contacts/{contact.Id}/follow-up", new { dueAt = "2030-01-01T09:00:00" }, ApiJson.Options), HttpStatusCode.BadRequest);
        Assert.True(local.GetProperty("errors").TryGetProperty("dueAt", out _));
        await Expect.StatusAsync(await other.PutAsJsonAsync($"/api/contacts/{contact.Id}/follow-up", new { dueAt = host.Clock.UtcNow.AddDays(1) }, ApiJson.Options), HttpStatusCode.NotFound);
        await Expect.StatusAsync(await other.DeleteAsync($"/api/contacts/{contact.Id}/follow-up"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Setting_the_follow_up_through_the_contact_keeps_working_and_is_recorded()
    {
        var (rep, _) = await host.RepAsync("rep");
        var due = host.Clock.UtcNow.AddDays(2);
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), nextFollowUpDue = due, nextFollowUpNote = "intro call" });

        Assert.Equal(due, contact.NextFollowUpDue);
        var history = await rep.GetFromJsonAsync<List<FollowUpDto>>($"/api/contacts/{contact.Id}/follow-ups", ApiJson.Options);
        var open = Assert.Single(history!);
        Assert.Equal((due, "intro call", FollowUpKind.Manual), (open.DueAt, open.Note, open.Kind));
    }

    [Fact]
    public async Task Only_a_touch_of_the_promised_kind_keeps_the_promise()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        await rep.PutAsJsonAsync($"/api/contacts/{contact.Id}/follow-up", new { dueAt = host.Clock.UtcNow.AddDays(1), channel = "call" }, ApiJson.Options);
        host.Clock.Advance(TimeSpan.FromHours(1));

        await WorkflowHost.LogAsync(rep, contact.Id, new { channel = "email", direction = "outbound", subject = "quote" });
        var afterEmail = await host.GetContactAsync(rep, contact.Id);
        Assert.NotNull(afterEmail.NextFollowUpDue);

        var call = await WorkflowHost.LogAsync(rep, contact.Id, new { channel = "call", outcome = "noAnswer" });
        var history = await rep.GetFromJsonAsync<List<FollowUpDto>>($"/api/contacts/{contact.Id}/follow-ups", ApiJson.Options);
        var kept = Assert.Single(history!, f => f.Kind == FollowUpKind.Manual);
        Assert.Equal((call.OccurredAt, repId, call.Id), (kept.CompletedAt, kept.CompletedByRepId, kept.CompletedByInteractionId));
        // Still no answer after two attempts: the cadence proposes the third.
        var proposed = Assert.Single(history!, f => f.Open);
        Assert.Equal((FollowUpKind.Cadence, 3, call.OccurredAt.AddDays(4)), (proposed.Kind, proposed.Attempt, proposed.DueAt));
    }

    [Fact]
    public async Task Unanswered_outbound_touches_get_next_attempts_proposed_by_the_cadence_until_ten()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        int[] cadence = [2, 4, 7, 14, 30, 30, 30, 30, 30];
        var at = host.Clock.UtcNow;

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            await host.IngestAsync(new Touch(contact.Id, repId, Channel.Email, Direction.Outbound, at, $"mail:out:{Guid.NewGuid()}", Origin.Sync));
            var shown = await host.GetContactAsync(rep, contact.Id);
            if (attempt < 10)
            {
                Assert.Equal(at.AddDays(cadence[attempt - 1]), shown.NextFollowUpDue);
                Assert.StartsWith($"Attempt {attempt + 1} of 10", shown.NextFollowUpNote);
                at = shown.NextFollowUpDue!.Value;
                host.Clock.Advance(at - host.Clock.UtcNow);
            }
            else
            {
                // Ten attempts without a connect: the cadence stops proposing; the lead will show up as ripe instead.
                Assert.Null(shown.NextFollowUpDue);
                Assert.Equal(10, shown.OutboundSinceConnect);
            }
        }
        var history = await rep.GetFromJsonAsync<List<FollowUpDto>>($"/api/contacts/{contact.Id}/follow-ups", ApiJson.Options);
        Assert.Equal(9, history!.Count(f => f.Kind == FollowUpKind.Cadence && f.CompletedAt != null));
    }

    public static TheoryData<Channel, Direction, Outcome?> Connects => new()
    {
        { Channel.Email, Direction.Inbound, null },
        { Channel.Meeting, Direction.None, Outcome.Held },
        { Channel.Call, Direction.Outbound, Outcome.Connected },
    };

    [Theory]
    [MemberData(nameof(Connects))]
    public async Task An_inbound_email_a_held_meeting_or_a_connected_call_connects_and_stops_the_attempts(Channel channel, Direction direction, Outcome? outcome)
    {
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var start = host.Clock.UtcNow;
        for (var i = 0; i < 3; i++)
            await host.IngestAsync(new Touch(contact.Id, repId, Channel.Email, Direction.Outbound, start.AddDays(i), $"mail:out:{Guid.NewGuid()}", Origin.Sync));
        Assert.NotNull((await host.GetContactAsync(rep, contact.Id)).NextFollowUpDue);

        var connectAt = start.AddDays(3);
        await host.IngestAsync(new Touch(contact.Id, repId, channel, direction, connectAt, $"connect:{Guid.NewGuid()}", Origin.Sync, outcome));

        var connected = await host.GetContactAsync(rep, contact.Id);
        Assert.Equal(connectAt, connected.FirstConnectAt);
        Assert.Equal(3, connected.TouchesBeforeConnect);
        Assert.Null(connected.NextFollowUpDue);
        var history = await rep.GetFromJsonAsync<List<FollowUpDto>>($"/api/contacts/{contact.Id}/follow-ups", ApiJson.Options);
        Assert.DoesNotContain(history!, f => f.Open);

        // Connected: further outbound touches propose nothing and the figure stays.
        await host.IngestAsync(new Touch(contact.Id, repId, Channel.Email, Direction.Outbound, start.AddDays(4), $"mail:out:{Guid.NewGuid()}", Origin.Sync));
        var later = await host.GetContactAsync(rep, contact.Id);
        Assert.Null(later.NextFollowUpDue);
        Assert.Equal(3, later.TouchesBeforeConnect);
    }

    [Fact]
    public async Task The_call_list_is_the_reps_due_follow_ups_by_due_time_then_score()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var now = host.Clock.UtcNow;
        var overdue = await ContactWithFollowUpAsync(rep, now.AddHours(-5));
        var overdueHot = await ContactWithFollowUpAsync(rep, now.AddHours(-5));
        var later = await ContactWithFollowUpAsync(rep, now.AddHours(-1));
        var thisWeek = await ContactWithFollowUpAsync(rep, now.Date.AddDays(3));
        await ContactWithFollowUpAsync(rep, now.Date.AddDays(20));
        // A meeting held makes one of the two equally overdue leads hotter: it comes first.
        await host.IngestAsync(new Touch(overdueHot, repId, Channel.Meeting, Direction.None, now.AddDays(-1), $"meeting:{Guid.NewGuid()}", Origin.Sync, Outcome.Held));
        await rep.PutAsJsonAsync($"/api/contacts/{overdueHot}/follow-up", new { dueAt = now.AddHours(-5) }, ApiJson.Options);

        var overdueList = await rep.GetFromJsonAsync<List<CallListItem>>("/api/follow-ups?due=overdue", ApiJson.Options);
        Assert.Equal([overdueHot, overdue, later], overdueList!.Select(i => i.ContactId));
        Assert.All(overdueList!, i => Assert.True(i.Overdue));

        var week = await rep.GetFromJsonAsync<List<CallListItem>>("/api/follow-ups?due=week&owner=me", ApiJson.Options);
        Assert.Equal([overdueHot, overdue, later, thisWeek], week!.Select(i => i.ContactId));

        var bad = await Expect.ProblemAsync(await rep.GetAsync("/api/follow-ups?due=someday"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("due", out _));
    }

    [Fact]
    public async Task Ripe_leads_are_open_untouched_for_n_days_not_opted_out_oldest_first()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var (manager, _) = await host.RepAsync("boss", manager: true);
        var oldest = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var old = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var won = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), stage = "won" });
        var optedOut = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), unsubscribed = true });
        var touched = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var start = host.Clock.UtcNow;
        await host.IngestAsync(new Touch(old.Id, repId, Channel.Call, Direction.Outbound, start.AddDays(-40), $"call:{Guid.NewGuid()}", Origin.Api, Outcome.NoAnswer));
        await host.IngestAsync(new Touch(oldest.Id, repId, Channel.Call, Direction.Outbound, start.AddDays(-50), $"call:{Guid.NewGuid()}", Origin.Api, Outcome.NoAnswer));
        host.Clock.Advance(TimeSpan.FromDays(31));
        await host.IngestAsync(new Touch(touched.Id, repId, Channel.Call, Direction.Outbound, host.Clock.UtcNow.AddDays(-1), $"call:{Guid.NewGuid()}", Origin.Api, Outcome.NoAnswer));

        var ripe = await rep.GetFromJsonAsync<List<CallListItem>>("/api/contacts/ripe?owner=me", ApiJson.Options);
        Assert.Equal([oldest.Id, old.Id], ripe!.Select(i => i.ContactId));
        Assert.DoesNotContain(ripe!, i => i.ContactId == won.Id || i.ContactId == optedOut.Id || i.ContactId == touched.Id);

        // A longer horizon: only what has waited longer still counts.
        var sixtyFive = await rep.GetFromJsonAsync<List<CallListItem>>("/api/contacts/ripe?owner=me&days=75", ApiJson.Options);
        Assert.Equal([oldest.Id], sixtyFive!.Select(i => i.ContactId));
        var bad = await Expect.ProblemAsync(await manager.GetAsync("/api/contacts/ripe?days=0"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("days", out _));
    }

    private async Task<int> ContactWithFollowUpAsync(HttpClient rep, DateTime due)
    {
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        await Expect.StatusAsync(await rep.PutAsJsonAsync($"/api/contacts/{contact.Id}/follow-up", new { dueAt = due }, ApiJson.Options), HttpStatusCode.OK);
        return contact.Id;
    }

    [Fact]
    public async Task Concurrent_touches_on_one_lead_leave_exactly_one_open_follow_up()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var at = host.Clock.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            host.IngestAsync(new Touch(contact.Id, repId, Channel.Email, Direction.Outbound, at.AddMinutes(-i), $"mail:out:{Guid.NewGuid()}", Origin.Sync))));

        var history = await rep.GetFromJsonAsync<List<FollowUpDto>>($"/api/contacts/{contact.Id}/follow-ups", ApiJson.Options);
        var open = Assert.Single(history!, f => f.Open);
        var shown = await host.GetContactAsync(rep, contact.Id);
        Assert.Equal((8, open.DueAt), (shown.OutboundSinceConnect, shown.NextFollowUpDue));
        Assert.Equal((9, at.AddDays(30)), (open.Attempt, open.DueAt));
    }

    [Fact]
    public async Task Losing_a_lead_stops_the_cadence_but_keeps_a_persons_promise()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var chased = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var promised = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        await host.IngestAsync(new Touch(chased.Id, repId, Channel.Email, Direction.Outbound, host.Clock.UtcNow, $"mail:out:{Guid.NewGuid()}", Origin.Sync));
        var due = host.Clock.UtcNow.AddDays(90);
        await rep.PutAsJsonAsync($"/api/contacts/{promised.Id}/follow-up", new { dueAt = due, note = "ask again next quarter" }, ApiJson.Options);

        foreach (var id in new[] { chased.Id, promised.Id })
            await Expect.StatusAsync(await rep.PostAsJsonAsync($"/api/contacts/{id}/stage", new { stage = "lost", reason = "budget frozen" }, ApiJson.Options), HttpStatusCode.OK);

        Assert.Null((await host.GetContactAsync(rep, chased.Id)).NextFollowUpDue);
        var closed = await rep.GetFromJsonAsync<List<FollowUpDto>>($"/api/contacts/{chased.Id}/follow-ups", ApiJson.Options);
        Assert.Equal("stage Lost", Assert.Single(closed!).ClosedReason);
        Assert.Equal(due, (await host.GetContactAsync(rep, promised.Id)).NextFollowUpDue);
    }
}
