using System.Net;
using System.Net.Http.Json;
using LeadMail.Api.Contacts;
using LeadMail.Api.FollowUps;
using LeadMail.Api.Interactions;
using LeadMail.Api.Web;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Interactions;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Workflow.Tests;

/// <summary>
/// Correcting and removing a touch logged by mistake. The definition: afterwards the lead is what it would
/// be had the touch been logged right, or never, which a twin lead logged that way shows.
/// </summary>
public sealed class TouchCorrectionTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    [Fact]
    public async Task Removing_a_touch_leaves_the_lead_as_if_it_had_never_been_logged()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var (mistaken, twin) = await TwinsAsync(rep);
        var start = host.Clock.UtcNow.AddDays(-10);
        object[] touches =
        [
            new { channel = "email", direction = "outbound", occurredAt = start, subject = "intro" },
            new { channel = "email", direction = "inbound", occurredAt = start.AddDays(1), subject = "re: intro" },
            new { channel = "call", outcome = "noAnswer", occurredAt = start.AddDays(3) },
        ];
        foreach (var touch in touches)
        {
            await WorkflowHost.LogAsync(rep, mistaken.Id, touch);
            await WorkflowHost.LogAsync(rep, twin.Id, touch);
        }
        // Meant for another lead: a connected call, the latest touch.
        var wrong = await WorkflowHost.LogAsync(rep, mistaken.Id, new { channel = "call", outcome = "connected", occurredAt = start.AddDays(5), notes = "wrong lead" });
        Assert.Equal(4, (await host.GetContactAsync(rep, mistaken.Id)).TouchesTotal);

        await Expect.StatusAsync(await rep.DeleteAsync($"/api/contacts/{mistaken.Id}/interactions/{wrong.Id}"), HttpStatusCode.NoContent);

        AssertSameLead(await host.GetContactAsync(rep, twin.Id), await host.GetContactAsync(rep, mistaken.Id));
        await Expect.StatusAsync(await rep.GetAsync($"/api/contacts/{mistaken.Id}/interactions/{wrong.Id}"), HttpStatusCode.NotFound);
        var left = await rep.GetFromJsonAsync<Page<InteractionDto>>($"/api/contacts/{mistaken.Id}/interactions", ApiJson.Options);
        Assert.Equal(3, left!.Items.Count);
        await AssertTalliesMatchTouchesAsync(repId);
        // Removing it again: it is gone.
        await Expect.StatusAsync(await rep.DeleteAsync($"/api/contacts/{mistaken.Id}/interactions/{wrong.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Correcting_outcome_and_time_leaves_the_lead_as_if_the_touch_had_been_logged_right()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var (mistaken, twin) = await TwinsAsync(rep);
        var start = host.Clock.UtcNow.AddDays(-20);
        await WorkflowHost.LogAsync(rep, mistaken.Id, new { channel = "email", direction = "outbound", occurredAt = start });
        await WorkflowHost.LogAsync(rep, twin.Id, new { channel = "email", direction = "outbound", occurredAt = start });
        // Logged as unanswered yesterday; it was a conversation three days in, on another day and hour.
        var call = await WorkflowHost.LogAsync(rep, mistaken.Id, new { channel = "call", outcome = "noAnswer", occurredAt = host.Clock.UtcNow.AddDays(-1), subject = "follow-up" });
        var rightAt = start.AddDays(3).AddHours(5);
        await WorkflowHost.LogAsync(rep, twin.Id, new { channel = "call", outcome = "connected", occurredAt = rightAt, subject = "pricing", notes = "wants a demo" });

        var corrected = await Expect.JsonAsync<InteractionDto>(await PatchAsync(rep, mistaken.Id, call.Id,
            new { outcome = "connected", occurredAt = rightAt, subject = "pricing", notes = "wants a demo" }));

        Assert.Equal((Outcome.Connected, rightAt, "pricing", "wants a demo", true), (corrected.Outcome, corrected.OccurredAt, corrected.Subject, corrected.Notes, corrected.IsConnect));
        Assert.Equal((call.Id, Channel.Call, Direction.Outbound, call.RecordedAt), (corrected.Id, corrected.Channel, corrected.Direction, corrected.RecordedAt));
        var after = await host.GetContactAsync(rep, mistaken.Id);
        AssertSameLead(await host.GetContactAsync(rep, twin.Id), after);
        Assert.Equal(rightAt, after.FirstConnectAt);
        await AssertTalliesMatchTouchesAsync(repId);

        // A merge patch: what it leaves out stays; a null clears the notes.
        var notesCleared = await Expect.JsonAsync<InteractionDto>(await PatchAsync(rep, mistaken.Id, call.Id, new { notes = (string?)null }));
        Assert.Equal((Outcome.Connected, rightAt, "pricing", (string?)null), (notesCleared.Outcome, notesCleared.OccurredAt, notesCleared.Subject, notesCleared.Notes));
    }

    [Fact]
    public async Task Every_correction_and_removal_is_on_the_managers_trail_until_the_lead_is_forgotten()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var (manager, _) = await host.RepAsync("manager", manager: true);
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var at = host.Clock.UtcNow.AddHours(-3);
        var call = await WorkflowHost.LogAsync(rep, contact.Id, new { channel = "call", outcome = "noAnswer", occurredAt = at, notes = "no pickup" });
        var note = await WorkflowHost.LogAsync(rep, contact.Id, new { channel = "note", notes = "logged twice" });

        await Expect.JsonAsync<InteractionDto>(await PatchAsync(rep, contact.Id, call.Id, new { outcome = "connected", notes = "talked pricing" }));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await Expect.StatusAsync(await rep.DeleteAsync($"/api/contacts/{contact.Id}/interactions/{note.Id}"), HttpStatusCode.NoContent);

        var trail = await Expect.JsonAsync<Page<TouchRevisionDto>>(await manager.GetAsync($"/api/touch-revisions?contactId={contact.Id}"));
        Assert.Equal([TouchRevisionKind.Removed, TouchRevisionKind.Corrected], trail.Items.Select(r => r.Kind));
        var removal = trail.Items[0];
        Assert.Equal((note.Id, Channel.Note, "logged twice", (DateTime?)null, repId, repId),
            (removal.InteractionId, removal.Channel, removal.Notes, removal.NewOccurredAt, removal.ByRepId, removal.RepId));
        var correction = trail.Items[1];
        Assert.Equal((call.Id, Outcome.NoAnswer, Outcome.Connected, "no pickup", "talked pricing", at, at),
            (correction.InteractionId, correction.Outcome, correction.NewOutcome, correction.Notes, correction.NewNotes, correction.OccurredAt, correction.NewOccurredAt));
        Assert.NotNull(correction.ByRepName);
        Assert.Contains(trail.Items[0].Id, (await Expect.JsonAsync<Page<TouchRevisionDto>>(await manager.GetAsync("/api/touch-revisions?limit=200"))).Items.Select(r => r.Id));
        await Expect.StatusAsync(await rep.GetAsync("/api/touch-revisions"), HttpStatusCode.Forbidden);

        // The right to be forgotten takes the trail with the lead.
        await Expect.StatusAsync(await manager.DeleteAsync($"/api/contacts/{contact.Id}"), HttpStatusCode.NoContent);
        Assert.Empty((await Expect.JsonAsync<Page<TouchRevisionDto>>(await manager.GetAsync($"/api/touch-revisions?contactId={contact.Id}"))).Items);
        Assert.Equal(0, await host.WithDbAsync(db => db.TouchRevisions.CountAsync(r => r.ContactId == contact.Id)));
    }

    [Fact]
    public async Task Removals_and_corrections_racing_synced_touches_leave_counters_and_tallies_right()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var start = host.Clock.UtcNow.AddDays(-6);
        var calls = new List<InteractionDto>();
        for (var i = 0; i < 6; i++)
            calls.Add(await WorkflowHost.LogAsync(rep, contact.Id, new { channel = "call", outcome = "noAnswer", occurredAt = start.AddHours(i * 7) }));

        var synced = Enumerable.Range(0, 8).Select(i => host.IngestAsync(new Touch(contact.Id, repId, Channel.Email,
            i % 3 == 0 ? Direction.Inbound : Direction.Outbound, start.AddHours(i * 5 + 1), $"mail:{i}:{Guid.NewGuid()}", Origin.Sync)));
        var removed = calls.Take(3).Select(c => rep.DeleteAsync($"/api/contacts/{contact.Id}/interactions/{c.Id}"));
        var corrected = calls.Skip(3).Select((c, i) => PatchAsync(rep, contact.Id, c.Id, new { outcome = "connected", occurredAt = start.AddHours(40 + i) }));
        var changes = Task.WhenAll(removed.Concat(corrected));
        await Task.WhenAll(Task.WhenAll(synced), changes);
        foreach (var response in await changes) await Expect.StatusAsync(response, response.RequestMessage!.Method == HttpMethod.Delete ? HttpStatusCode.NoContent : HttpStatusCode.OK);

        // The counters' definition: what is left, recomputed here.
        var left = (await rep.GetFromJsonAsync<Page<InteractionDto>>($"/api/contacts/{contact.Id}/interactions?limit=200", ApiJson.Options))!.Items;
        Assert.Equal(11, left.Count);
        var firstConnect = left.Where(t => t.IsConnect).Min(t => (DateTime?)t.OccurredAt);
        var lastConnect = left.Where(t => t.IsConnect).Max(t => (DateTime?)t.OccurredAt);
        var shown = await host.GetContactAsync(rep, contact.Id);
        Assert.Equal(
            (left.Count, left.Max(t => t.OccurredAt), left.Where(t => t.Direction == Direction.Inbound).Max(t => (DateTime?)t.OccurredAt), firstConnect,
                left.Count(t => t.Direction == Direction.Outbound && t.OccurredAt > lastConnect)),
            (shown.TouchesTotal, shown.LastTouchAt, shown.LastInboundAt, shown.FirstConnectAt, shown.OutboundSinceConnect));
        await AssertTalliesMatchTouchesAsync(repId);
    }

    [Fact]
    public async Task A_promise_kept_by_a_removed_touch_is_open_again_in_place_of_the_cadence_step_that_followed()
    {
        var (rep, _) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var due = host.Clock.UtcNow.AddDays(1);
        await rep.PutAsJsonAsync($"/api/contacts/{contact.Id}/follow-up", new { dueAt = due, note = "call back about the quote", channel = "call" }, ApiJson.Options);
        host.Clock.Advance(TimeSpan.FromHours(1));
        var call = await WorkflowHost.LogAsync(rep, contact.Id, new { channel = "call", outcome = "noAnswer" });
        var kept = await host.GetContactAsync(rep, contact.Id);
        Assert.StartsWith("Attempt 2", kept.NextFollowUpNote);

        await Expect.StatusAsync(await rep.DeleteAsync($"/api/contacts/{contact.Id}/interactions/{call.Id}"), HttpStatusCode.NoContent);

        var reopened = await host.GetContactAsync(rep, contact.Id);
        Assert.Equal((due, "call back about the quote", 0), (reopened.NextFollowUpDue, reopened.NextFollowUpNote, reopened.OutboundSinceConnect));
        var history = await rep.GetFromJsonAsync<List<FollowUpDto>>($"/api/contacts/{contact.Id}/follow-ups", ApiJson.Options);
        var open = Assert.Single(history!, f => f.Open);
        Assert.Equal((FollowUpKind.Manual, (long?)null, (DateTime?)null), (open.Kind, open.CompletedByInteractionId, open.CompletedAt));
        var withdrawn = Assert.Single(history!, f => f.Kind == FollowUpKind.Cadence);
        Assert.Equal("touch removed", withdrawn.ClosedReason);
    }

    [Fact]
    public async Task A_promise_is_open_again_when_its_touch_is_moved_before_it_was_made()
    {
        var (rep, _) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var promisedAt = host.Clock.UtcNow;
        await rep.PutAsJsonAsync($"/api/contacts/{contact.Id}/follow-up", new { dueAt = promisedAt.AddDays(2), note = "send the contract" }, ApiJson.Options);
        host.Clock.Advance(TimeSpan.FromHours(2));
        var visit = await WorkflowHost.LogAsync(rep, contact.Id, new { channel = "visit", outcome = "held" });
        Assert.Null((await host.GetContactAsync(rep, contact.Id)).NextFollowUpDue);

        // The visit was last week, before the promise: it did not keep it.
        await Expect.JsonAsync<InteractionDto>(await PatchAsync(rep, contact.Id, visit.Id, new { occurredAt = promisedAt.AddDays(-7) }));

        var shown = await host.GetContactAsync(rep, contact.Id);
        Assert.Equal((promisedAt.AddDays(2), "send the contract"), (shown.NextFollowUpDue, shown.NextFollowUpNote));
        Assert.Equal(promisedAt.AddDays(-7), shown.LastTouchAt);
    }

    [Fact]
    public async Task The_cadence_step_after_a_corrected_touch_moves_with_it()
    {
        var (rep, _) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var email = await WorkflowHost.LogAsync(rep, contact.Id, new { channel = "email", direction = "outbound", occurredAt = host.Clock.UtcNow });
        Assert.Equal(host.Clock.UtcNow.AddDays(2), (await host.GetContactAsync(rep, contact.Id)).NextFollowUpDue);

        await Expect.JsonAsync<InteractionDto>(await PatchAsync(rep, contact.Id, email.Id, new { occurredAt = host.Clock.UtcNow.AddHours(-30) }));

        Assert.Equal(host.Clock.UtcNow.AddHours(-30).AddDays(2), (await host.GetContactAsync(rep, contact.Id)).NextFollowUpDue);
    }

    [Fact]
    public async Task Only_the_rep_who_logged_a_touch_or_a_manager_may_change_it_and_never_a_synced_one()
    {
        var (author, authorId) = await host.RepAsync("author");
        var (colleague, _) = await host.RepAsync("colleague");
        var (manager, _) = await host.RepAsync("manager", manager: true);
        // Created by a manager, unassigned: every rep sees the lead.
        var contact = await host.CreateContactAsync(manager, new { email = WorkflowHost.NewEmail() });
        Assert.Null(contact.OwnerId);
        var note = await WorkflowHost.LogAsync(author, contact.Id, new { channel = "note", notes = "met at the fair" });
        var synced = (await host.IngestAsync(new Touch(contact.Id, authorId, Channel.Email, Direction.Outbound, host.Clock.UtcNow.AddHours(-1), $"mail:out:{Guid.NewGuid()}", Origin.Sync)))[0];

        var notYours = await Expect.ProblemAsync(await PatchAsync(colleague, contact.Id, note.Id, new { notes = "mine now" }), HttpStatusCode.Forbidden);
        Assert.Equal("Not your touch", notYours.GetProperty("title").GetString());
        await Expect.ProblemAsync(await colleague.DeleteAsync($"/api/contacts/{contact.Id}/interactions/{note.Id}"), HttpStatusCode.Forbidden);
        var mailbox = await Expect.ProblemAsync(await author.DeleteAsync($"/api/contacts/{contact.Id}/interactions/{synced.Interaction.Id}"), HttpStatusCode.Conflict);
        Assert.Equal("Synced touches follow the mailbox", mailbox.GetProperty("title").GetString());
        await Expect.ProblemAsync(await PatchAsync(manager, contact.Id, synced.Interaction.Id, new { subject = "x" }), HttpStatusCode.Conflict);

        var byAuthor = await Expect.JsonAsync<InteractionDto>(await PatchAsync(author, contact.Id, note.Id, new { notes = "met at the fair, booth 12" }));
        Assert.Equal("met at the fair, booth 12", byAuthor.Notes);
        await Expect.StatusAsync(await manager.DeleteAsync($"/api/contacts/{contact.Id}/interactions/{note.Id}"), HttpStatusCode.NoContent);
        Assert.Equal(1, (await host.GetContactAsync(manager, contact.Id)).TouchesTotal);
    }

    [Fact]
    public async Task A_touch_that_overrode_consent_stays_unless_a_manager_changes_it()
    {
        var (rep, _) = await host.RepAsync("rep");
        var (manager, _) = await host.RepAsync("manager", manager: true);
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), doNotCall = true });
        var call = await WorkflowHost.LogAsync(rep, contact.Id, new { channel = "call", outcome = "connected", consentOverrideReason = "they called us first" });
        Assert.NotNull(call.ConsentViolation);

        var kept = await Expect.ProblemAsync(await rep.DeleteAsync($"/api/contacts/{contact.Id}/interactions/{call.Id}"), HttpStatusCode.Forbidden);
        Assert.Equal("A record of consent overridden", kept.GetProperty("title").GetString());
        await Expect.ProblemAsync(await PatchAsync(rep, contact.Id, call.Id, new { outcome = "noAnswer" }), HttpStatusCode.Forbidden);
        Assert.Equal(1, (await host.GetContactAsync(rep, contact.Id)).TouchesTotal);

        var corrected = await Expect.JsonAsync<InteractionDto>(await PatchAsync(manager, contact.Id, call.Id, new { outcome = "leftMessage" }));
        Assert.Equal((Outcome.LeftMessage, call.ConsentViolation, "they called us first"), (corrected.Outcome, corrected.ConsentViolation, corrected.ConsentOverrideReason));
        await Expect.StatusAsync(await manager.DeleteAsync($"/api/contacts/{contact.Id}/interactions/{call.Id}"), HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Another_reps_lead_and_a_touch_of_another_lead_are_not_found()
    {
        var (owner, ownerId) = await host.RepAsync("owner");
        var (other, _) = await host.RepAsync("other");
        var mine = await host.CreateContactAsync(owner, new { email = WorkflowHost.NewEmail(), ownerId });
        var alsoMine = await host.CreateContactAsync(owner, new { email = WorkflowHost.NewEmail(), ownerId });
        var call = await WorkflowHost.LogAsync(owner, mine.Id, new { channel = "call", outcome = "noAnswer" });

        var hidden = await Expect.ProblemAsync(await PatchAsync(other, mine.Id, call.Id, new { outcome = "connected" }), HttpStatusCode.NotFound);
        Assert.Equal("Contact not found", hidden.GetProperty("title").GetString());
        await Expect.StatusAsync(await other.DeleteAsync($"/api/contacts/{mine.Id}/interactions/{call.Id}"), HttpStatusCode.NotFound);
        var elsewhere = await Expect.ProblemAsync(await owner.DeleteAsync($"/api/contacts/{alsoMine.Id}/interactions/{call.Id}"), HttpStatusCode.NotFound);
        Assert.Equal("Touch not found", elsewhere.GetProperty("title").GetString());
        Assert.Equal(Outcome.NoAnswer, (await Expect.JsonAsync<InteractionDto>(await owner.GetAsync($"/api/contacts/{mine.Id}/interactions/{call.Id}"))).Outcome);
    }

    [Theory]
    [InlineData("""{"outcome":null}""", "outcome")]
    [InlineData("""{"outcome":"held"}""", "outcome")]
    [InlineData("""{"outcome":"maybe"}""", "outcome")]
    [InlineData("""{"occurredAt":null}""", "occurredAt")]
    [InlineData("""{"occurredAt":"2030-01-01T00:00:00Z"}""", "occurredAt")]
    [InlineData("""{"occurredAt":"2026-01-01T09:00:00"}""", "occurredAt")]
    [InlineData("""{"channel":"email"}""", "channel")]
    [InlineData("""{"direction":"inbound"}""", "direction")]
    [InlineData("""{"colour":"red"}""", "colour")]
    public async Task A_bad_correction_names_the_field_and_changes_nothing(string patch, string field)
    {
        var (rep, _) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var call = await WorkflowHost.LogAsync(rep, contact.Id, new { channel = "call", outcome = "leftMessage", subject = "quote" });
        var before = await host.GetContactAsync(rep, contact.Id);

        var content = new StringContent(patch, System.Text.Encoding.UTF8, "application/merge-patch+json");
        var problem = await Expect.ProblemAsync(await rep.PatchAsync($"/api/contacts/{contact.Id}/interactions/{call.Id}", content), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var stored = await Expect.JsonAsync<InteractionDto>(await rep.GetAsync($"/api/contacts/{contact.Id}/interactions/{call.Id}"));
        Assert.Equal(call, stored);
        Assert.Equal(before.Version, (await host.GetContactAsync(rep, contact.Id)).Version);
    }

    private async Task<(ContactDto Mistaken, ContactDto Twin)> TwinsAsync(HttpClient rep) =>
        (await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail("mistaken") }),
            await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail("twin") }));

    private static void AssertSameLead(ContactDto expected, ContactDto actual)
    {
        Assert.Equal(
            (expected.TouchesTotal, expected.LastTouchAt, expected.LastInboundAt, expected.FirstConnectAt, expected.TouchesBeforeConnect, expected.OutboundSinceConnect),
            (actual.TouchesTotal, actual.LastTouchAt, actual.LastInboundAt, actual.FirstConnectAt, actual.TouchesBeforeConnect, actual.OutboundSinceConnect));
        Assert.Equal(expected.Score, actual.Score, 9);
        Assert.Equal((expected.Priority, expected.NextFollowUpDue, expected.NextFollowUpNote), (actual.Priority, actual.NextFollowUpDue, actual.NextFollowUpNote));
    }

    /// <summary>The rep's tallies (every span) against a recount of the rep's touches.</summary>
    private async Task AssertTalliesMatchTouchesAsync(int repId)
    {
        var touches = await host.WithDbAsync(db => db.Interactions.Where(i => i.RepId == repId).ToListAsync());
        var tallies = await host.WithDbAsync(db => db.TouchTallies.Where(t => t.RepKey == repId).ToListAsync());
        var expected = touches
            .SelectMany(t => new[]
            {
                (TallySpan.Hour, TouchTallies.HourOf(t.OccurredAt)), (TallySpan.Day, TouchTallies.DayOf(t.OccurredAt)),
                (TallySpan.Week, TouchTallies.WeekOf(t.OccurredAt)), (TallySpan.Month, TouchTallies.MonthOf(t.OccurredAt)),
            }.Select(s => (Span: s.Item1, Start: s.Item2, t.Channel, t.Direction, Auto: t.Origin == Origin.Sync)))
            .GroupBy(k => k)
            .ToDictionary(g => g.Key, g => g.Count());
        var actual = tallies.ToDictionary(t => (t.Span, Start: DateTime.SpecifyKind(t.Start, DateTimeKind.Utc), t.Channel, t.Direction, Auto: t.AutoLogged), t => t.Count);
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, int contactId, long interactionId, object patch) =>
        client.PatchAsJsonAsync($"/api/contacts/{contactId}/interactions/{interactionId}", patch, ApiJson.Options);
}
