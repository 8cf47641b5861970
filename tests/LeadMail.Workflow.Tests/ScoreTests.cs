using System.Net;
using System.Net.Http.Json;
using LeadMail.Api.Contacts;
using LeadMail.Api.Scoring;
using LeadMail.Api.Web;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Workflow.Tests;

public sealed class ScoreTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    [Fact]
    public async Task Each_event_earns_its_points_decayed_by_the_half_life_and_the_explanation_lists_them()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var now = host.Clock.UtcNow;
        await host.IngestAsync(
            new Touch(contact.Id, repId, Channel.Email, Direction.Outbound, now.AddDays(-3), $"mail:out:{Guid.NewGuid()}", Origin.Sync),
            new Touch(contact.Id, repId, Channel.Email, Direction.Inbound, now.AddDays(-2), $"mail:in:{Guid.NewGuid()}", Origin.Sync),
            new Touch(contact.Id, repId, Channel.Meeting, Direction.None, now.AddDays(-1), $"meeting:{Guid.NewGuid()}", Origin.Sync, Outcome.Held),
            new Touch(contact.Id, repId, Channel.Call, Direction.Outbound, now, $"call:{Guid.NewGuid()}", Origin.Api, Outcome.Connected));

        var expected = 1 * Decay(3) + (10 + 5) * Decay(2) + 20 * Decay(1) + (15 + 1) * Decay(0);
        var explanation = await rep.GetFromJsonAsync<ScoreExplanationDto>($"/api/contacts/{contact.Id}/score", ApiJson.Options);
        Assert.Equal(Math.Round(expected, 2), explanation!.Score);
        Assert.Equal(["outboundTouch", "inboundEmail", "quickReply", "meetingHeld", "connectedCall", "outboundTouch"], explanation.Events.Select(e => e.Event));
        Assert.Equal([1d, 10, 5, 20, 15, 1], explanation.Events.Select(e => e.Points));
        Assert.Equal(Math.Round(20 * Decay(1), 2), explanation.Events.Single(e => e.Event == "meetingHeld").PointsNow);
        Assert.Equal(Priority.High, explanation.Priority);

        var shown = await host.GetContactAsync(rep, contact.Id);
        Assert.Equal(Math.Round(expected, 2), shown.Score, 2);
        Assert.Equal((Priority.High, false), (shown.Priority, shown.PrioritySetByHand));
    }

    [Fact]
    public async Task A_reply_after_two_days_earns_no_quick_reply_bonus()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var now = host.Clock.UtcNow;
        await host.IngestAsync(
            new Touch(contact.Id, repId, Channel.Email, Direction.Outbound, now.AddHours(-49), $"mail:out:{Guid.NewGuid()}", Origin.Sync),
            new Touch(contact.Id, repId, Channel.Email, Direction.Inbound, now, $"mail:in:{Guid.NewGuid()}", Origin.Sync));

        var explanation = await rep.GetFromJsonAsync<ScoreExplanationDto>($"/api/contacts/{contact.Id}/score", ApiJson.Options);
        Assert.Equal(["outboundTouch", "inboundEmail"], explanation!.Events.Select(e => e.Event));
    }

    [Fact]
    public async Task Scores_halve_every_thirty_days_and_the_set_based_recalculation_moves_derived_priorities_only()
    {
        var (manager, managerId) = await host.RepAsync("boss", manager: true);
        var hot = await host.CreateContactAsync(manager, new { email = WorkflowHost.NewEmail() });
        var pinned = await host.CreateContactAsync(manager, new { email = WorkflowHost.NewEmail(), priority = "high" });
        var now = host.Clock.UtcNow;
        foreach (var id in new[] { hot.Id, pinned.Id })
        {
            await host.IngestAsync(
                new Touch(id, managerId, Channel.Meeting, Direction.None, now, $"meeting:{Guid.NewGuid()}", Origin.Sync, Outcome.Held),
                new Touch(id, managerId, Channel.Call, Direction.Outbound, now, $"call:{Guid.NewGuid()}", Origin.Api, Outcome.Connected),
                new Touch(id, managerId, Channel.Visit, Direction.Outbound, now, $"visit:{Guid.NewGuid()}", Origin.Api));
        }
        // 20 + 15 + 1 + 20 + 1 = 57 points: high.
        Assert.Equal((57d, Priority.High), Of(await host.GetContactAsync(manager, hot.Id)));

        host.Clock.Advance(TimeSpan.FromDays(30));
        var explained = await manager.GetFromJsonAsync<ScoreExplanationDto>($"/api/contacts/{hot.Id}/score", ApiJson.Options);
        Assert.Equal(28.5, explained!.Score);
        // The stored score is as of the last recalculation until the set-based update runs.
        Assert.Equal(57d, (await host.GetContactAsync(manager, hot.Id)).Score);

        var recalculated = await Expect.JsonAsync<ScoreRecalculationDto>(await manager.PostAsync("/api/scores/recalculate", null));
        Assert.True(recalculated.ContactsUpdated >= 2);
        Assert.Equal((28.5, Priority.Medium), Of(await host.GetContactAsync(manager, hot.Id)));
        Assert.Equal((28.5, Priority.High), Of(await host.GetContactAsync(manager, pinned.Id)));

        host.Clock.Advance(TimeSpan.FromDays(90));
        await manager.PostAsync("/api/scores/recalculate", null);
        Assert.Equal((3.56, Priority.Low), Of(await host.GetContactAsync(manager, hot.Id)));

        // Handing the priority back to the score.
        var current = await host.GetContactAsync(manager, pinned.Id);
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/contacts/{pinned.Id}") { Content = JsonContent.Create(new { priority = (string?)null }) };
        patch.Headers.TryAddWithoutValidation("If-Match", $"\"{current.Version}\"");
        var unpinned = await Expect.JsonAsync<ContactDto>(await manager.SendAsync(patch));
        Assert.Equal((Priority.Low, false), (unpinned.Priority, unpinned.PrioritySetByHand));
    }

    [Fact]
    public async Task Only_managers_run_the_recalculation_and_an_invisible_contact_has_no_score()
    {
        var (rep, _) = await host.RepAsync("rep");
        var (other, _) = await host.RepAsync("other");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });

        await Expect.StatusAsync(await rep.PostAsync("/api/scores/recalculate", null), HttpStatusCode.Forbidden);
        await Expect.StatusAsync(await other.GetAsync($"/api/contacts/{contact.Id}/score"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_manager_rebuilds_stored_scores_from_the_touches_after_the_weights_change()
    {
        var (manager, managerId) = await host.RepAsync("boss", manager: true);
        var (rep, _) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(manager, new { email = WorkflowHost.NewEmail() });
        var now = host.Clock.UtcNow;
        await host.IngestAsync(
            new Touch(contact.Id, managerId, Channel.Meeting, Direction.None, now.AddDays(-1), $"meeting:{Guid.NewGuid()}", Origin.Sync, Outcome.Held),
            new Touch(contact.Id, managerId, Channel.Call, Direction.Outbound, now, $"call:{Guid.NewGuid()}", Origin.Api, Outcome.Connected));
        var explained = (await manager.GetFromJsonAsync<ScoreExplanationDto>($"/api/contacts/{contact.Id}/score", ApiJson.Options))!;
        // A base kept under other weights: what the stored score holds after Scoring:* changed.
        await host.WithDbAsync(db => db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.ScoreBase, c => c.ScoreBase / 10).SetProperty(c => c.Score, c => c.Score / 10).SetProperty(c => c.Priority, Priority.Low)));
        Assert.Equal(Priority.Low, (await host.GetContactAsync(manager, contact.Id)).Priority);

        await Expect.StatusAsync(await rep.PostAsync("/api/scores/rebuild", null), HttpStatusCode.Forbidden);
        var rebuilt = await Expect.JsonAsync<ScoreRebuildDto>(await manager.PostAsync("/api/scores/rebuild", null));

        Assert.True(rebuilt.ContactsRescored >= 1);
        var shown = await host.GetContactAsync(manager, contact.Id);
        Assert.Equal((explained.Score, Priority.Medium), (Math.Round(shown.Score, 2), shown.Priority));
    }

    private static double Decay(double days) => Math.Pow(2, -days / 30);

    private static (double, Priority) Of(ContactDto contact) => (Math.Round(contact.Score, 2), contact.Priority);
}
