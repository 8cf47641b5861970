using System.Net;
using System.Net.Http.Json;
using LeadMail.Api.Assignment;
using LeadMail.Api.Contacts;
using LeadMail.Api.Web;
using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Workflow.Tests;

/// <summary>
/// Routing rules are global, so every test here keys its rules on an interest of its own
/// (no catch-all rules): the tests of this class cannot route each other's leads.
/// </summary>
public sealed class AssignmentTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    [Fact]
    public async Task Rules_are_validated_naming_the_field()
    {
        var (manager, _) = await host.RepAsync("boss", manager: true);
        var (_, repId) = await host.RepAsync("rep");

        async Task ExpectInvalid(object rule, string field)
        {
            var problem = await Expect.ProblemAsync(await manager.PostAsJsonAsync("/api/assignment-rules", rule, ApiJson.Options), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on {field}: {problem}");
        }

        await ExpectInvalid(new { repId }, "name");
        await ExpectInvalid(new { name = "nobody" }, "repId");
        await ExpectInvalid(new { name = "both", repId, group = "team" }, "repId");
        await ExpectInvalid(new { name = "ghost", repId = 999_999 }, "repId");
        await ExpectInvalid(new { name = "no group", group = "no-such-team" }, "group");
        await ExpectInvalid(new { name = "range", repId, minScore = 10, maxScore = 5 }, "minScore");
        await ExpectInvalid(new { name = "country", repId, country = "Germany" }, "country");
        await ExpectInvalid(new { name = "typo", repId, intrest = "solar" }, "intrest");
        var badGroup = await Expect.ProblemAsync(await manager.PutAsJsonAsync("/api/rep-groups/team", new { repIds = new[] { repId, 999_999 } }, ApiJson.Options), HttpStatusCode.BadRequest);
        Assert.True(badGroup.GetProperty("errors").TryGetProperty("repIds", out _));
    }

    [Fact]
    public async Task Managers_list_replace_and_delete_rules_and_reps_cannot_touch_them()
    {
        var (manager, _) = await host.RepAsync("boss", manager: true);
        var (rep, repId) = await host.RepAsync("rep");
        var interest = Unique();

        var created = await Expect.JsonAsync<AssignmentRuleDto>(
            await manager.PostAsJsonAsync("/api/assignment-rules", new { name = "solar", interest, country = "de", repId }, ApiJson.Options), HttpStatusCode.Created);
        Assert.Equal(("DE", repId, true), (created.Country, created.RepId, created.Active));
        var replaced = await Expect.JsonAsync<AssignmentRuleDto>(
            await manager.PutAsJsonAsync($"/api/assignment-rules/{created.Id}", new { name = "solar AT", interest, country = "AT", repId, position = 50 }, ApiJson.Options));
        Assert.Equal(("solar AT", "AT", 50), (replaced.Name, replaced.Country, replaced.Position));
        var listed = await manager.GetFromJsonAsync<List<AssignmentRuleDto>>("/api/assignment-rules", ApiJson.Options);
        Assert.Contains(listed!, r => r.Id == created.Id && r.Name == "solar AT");

        await Expect.StatusAsync(await rep.GetAsync("/api/assignment-rules"), HttpStatusCode.Forbidden);
        await Expect.StatusAsync(await rep.PostAsJsonAsync("/api/assignment-rules", new { name = "mine", interest, repId }, ApiJson.Options), HttpStatusCode.Forbidden);
        await Expect.StatusAsync(await rep.PutAsJsonAsync($"/api/assignment-rules/{created.Id}", new { name = "mine", interest, repId }, ApiJson.Options), HttpStatusCode.Forbidden);
        await Expect.StatusAsync(await rep.DeleteAsync($"/api/assignment-rules/{created.Id}"), HttpStatusCode.Forbidden);
        await Expect.StatusAsync(await rep.PutAsJsonAsync("/api/rep-groups/mine", new { repIds = new[] { repId } }, ApiJson.Options), HttpStatusCode.Forbidden);

        await Expect.StatusAsync(await manager.DeleteAsync($"/api/assignment-rules/{created.Id}"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await manager.GetAsync($"/api/assignment-rules/{created.Id}"), HttpStatusCode.NotFound);
    }

    public static TheoryData<string> Conditions => new() { "region", "country", "source", "interest" };

    [Theory]
    [MemberData(nameof(Conditions))]
    public async Task A_new_lead_without_an_owner_is_routed_by_each_condition_and_audited(string condition)
    {
        var (manager, managerId) = await host.RepAsync("boss", manager: true);
        var (target, targetId) = await host.RepAsync("target");
        var interest = Unique();
        var value = condition == "country" ? "NZ" : Unique();
        var rule = new Dictionary<string, object> { ["name"] = $"by {condition}", ["interest"] = interest, [condition] = value, ["repId"] = targetId };
        var created = await Expect.JsonAsync<AssignmentRuleDto>(await manager.PostAsJsonAsync("/api/assignment-rules", rule, ApiJson.Options), HttpStatusCode.Created);

        var matching = await host.CreateContactAsync(manager, new Dictionary<string, object> { ["email"] = WorkflowHost.NewEmail(), ["interest"] = interest, [condition] = condition == "country" ? "nz" : value.ToUpperInvariant() });
        var other = await host.CreateContactAsync(manager, new Dictionary<string, object> { ["email"] = WorkflowHost.NewEmail(), ["interest"] = interest, [condition] = condition == "country" ? "AU" : "elsewhere" });

        Assert.Equal(targetId, matching.OwnerId);
        Assert.Null(other.OwnerId);
        var audit = await target.GetFromJsonAsync<List<OwnerAssignmentDto>>($"/api/contacts/{matching.Id}/assignments", ApiJson.Options);
        var row = Assert.Single(audit!);
        Assert.Equal((null, targetId, AssignmentCause.Rule, created.Id, managerId, host.Clock.UtcNow), (row.FromRepId, row.ToRepId, row.Cause, row.RuleId, row.ByRepId, row.At));
        var queued = await manager.GetFromJsonAsync<List<OwnerAssignmentDto>>($"/api/contacts/{other.Id}/assignments", ApiJson.Options);
        Assert.Equal((AssignmentCause.NoRuleMatched, (int?)null), (queued![0].Cause, queued[0].ToRepId));
    }

    [Fact]
    public async Task The_first_matching_rule_wins_and_a_score_range_routes_again_on_request()
    {
        var (manager, _) = await host.RepAsync("boss", manager: true);
        var (_, coldRep) = await host.RepAsync("cold");
        var (_, hotRep) = await host.RepAsync("hot");
        var interest = Unique();
        var hot = await Expect.JsonAsync<AssignmentRuleDto>(await manager.PostAsJsonAsync("/api/assignment-rules",
            new { name = "hot", interest, minScore = 30, repId = hotRep }, ApiJson.Options), HttpStatusCode.Created);
        await manager.PostAsJsonAsync("/api/assignment-rules", new { name = "cold", interest, maxScore = 30, repId = coldRep }, ApiJson.Options);
        await manager.PostAsJsonAsync("/api/assignment-rules", new { name = "later", interest, repId = hotRep }, ApiJson.Options);

        var contact = await host.CreateContactAsync(manager, new { email = WorkflowHost.NewEmail(), interest });
        Assert.Equal(coldRep, contact.OwnerId);

        await host.IngestAsync(
            new Touch(contact.Id, coldRep, Channel.Meeting, Direction.None, host.Clock.UtcNow, $"meeting:{Guid.NewGuid()}", Origin.Sync, Outcome.Held),
            new Touch(contact.Id, coldRep, Channel.Call, Direction.Outbound, host.Clock.UtcNow, $"call:{Guid.NewGuid()}", Origin.Api, Outcome.Connected));
        var routed = await Expect.JsonAsync<ContactDto>(await manager.PostAsJsonAsync($"/api/contacts/{contact.Id}/assign", new { route = true }, ApiJson.Options));
        Assert.Equal(hotRep, routed.OwnerId);
        var audit = await manager.GetFromJsonAsync<List<OwnerAssignmentDto>>($"/api/contacts/{contact.Id}/assignments", ApiJson.Options);
        Assert.Equal((coldRep, hotRep, hot.Id), (audit![^1].FromRepId, audit[^1].ToRepId, audit[^1].RuleId));
    }

    [Fact]
    public async Task Without_a_matching_rule_a_reps_new_lead_stays_theirs_and_a_managers_goes_to_the_queue()
    {
        var (manager, _) = await host.RepAsync("boss", manager: true);
        var (rep, repId) = await host.RepAsync("rep");

        var mine = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), interest = Unique() });
        var queued = await host.CreateContactAsync(manager, new { email = WorkflowHost.NewEmail(), interest = Unique() });

        Assert.Equal(repId, mine.OwnerId);
        Assert.Null(queued.OwnerId);
        var audit = await rep.GetFromJsonAsync<List<OwnerAssignmentDto>>($"/api/contacts/{mine.Id}/assignments", ApiJson.Options);
        Assert.Equal((AssignmentCause.NoRuleMatched, repId, repId), (audit![0].Cause, audit[0].ToRepId, audit[0].ByRepId));
    }

    [Fact]
    public async Task Round_robin_takes_turns_and_skips_inactive_reps()
    {
        var (manager, _) = await host.RepAsync("boss", manager: true);
        var (_, a) = await host.RepAsync("a");
        var (_, b) = await host.RepAsync("b");
        var (_, c) = await host.RepAsync("c");
        var group = Unique();
        var interest = Unique();
        await Expect.StatusAsync(await manager.PutAsJsonAsync($"/api/rep-groups/{group}", new { repIds = new[] { a, b, c } }, ApiJson.Options), HttpStatusCode.OK);
        await Expect.StatusAsync(await manager.PostAsJsonAsync("/api/assignment-rules", new { name = "team", interest, group }, ApiJson.Options), HttpStatusCode.Created);
        await Expect.StatusAsync(await manager.PatchAsJsonAsync($"/api/reps/{c}", new { active = false }, ApiJson.Options), HttpStatusCode.OK);

        var owners = new List<int?>();
        for (var i = 0; i < 4; i++) owners.Add((await host.CreateContactAsync(manager, new { email = WorkflowHost.NewEmail(), interest })).OwnerId);

        Assert.Equal([a, b, a, b], owners);
    }

    [Fact]
    public async Task Round_robin_stays_fair_under_parallel_creations()
    {
        var (manager, _) = await host.RepAsync("boss", manager: true);
        var reps = new List<int>();
        for (var i = 0; i < 3; i++) reps.Add((await host.RepAsync($"team{i}")).RepId);
        var group = Unique();
        var interest = Unique();
        await manager.PutAsJsonAsync($"/api/rep-groups/{group}", new { repIds = reps }, ApiJson.Options);
        await manager.PostAsJsonAsync("/api/assignment-rules", new { name = "team", interest, group }, ApiJson.Options);

        // Through the API and through LeadIntake directly (as the sync worker adds leads), all at once.
        var viaApi = Enumerable.Range(0, 15).Select(async _ => (await host.CreateContactAsync(manager, new { email = WorkflowHost.NewEmail(), interest })).OwnerId);
        var viaIntake = Enumerable.Range(0, 15).Select(async _ =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var contact = new Contact { Interest = interest, Emails = [new ContactEmail { Address = WorkflowHost.NewEmail() }] };
            return (await scope.ServiceProvider.GetRequiredService<LeadIntake>().AddAsync(contact, CancellationToken.None)).OwnerId;
        });
        var owners = await Task.WhenAll(viaApi.Concat(viaIntake));

        Assert.All(reps, rep => Assert.Equal(10, owners.Count(o => o == rep)));
        var turns = await host.WithDbAsync(db => db.RepGroups.Where(g => g.Name == group).Select(g => g.Turns).SingleAsync());
        Assert.Equal(30, turns);
    }

    [Fact]
    public async Task Manual_reassignment_is_audited_and_reps_cannot_take_or_give_away_others_leads()
    {
        var (manager, managerId) = await host.RepAsync("boss", manager: true);
        var (alice, aliceId) = await host.RepAsync("alice");
        var (bob, bobId) = await host.RepAsync("bob");
        var alices = await host.CreateContactAsync(alice, new { email = WorkflowHost.NewEmail(), interest = Unique() });

        await Expect.StatusAsync(await bob.PostAsJsonAsync($"/api/contacts/{alices.Id}/assign", new { ownerId = bobId }, ApiJson.Options), HttpStatusCode.NotFound);
        var giveAway = await Expect.ProblemAsync(await alice.PostAsJsonAsync($"/api/contacts/{alices.Id}/assign", new { ownerId = bobId }, ApiJson.Options), HttpStatusCode.BadRequest);
        Assert.True(giveAway.GetProperty("errors").TryGetProperty("ownerId", out _));
        var routeAgain = await Expect.ProblemAsync(await alice.PostAsJsonAsync($"/api/contacts/{alices.Id}/assign", new { route = true }, ApiJson.Options), HttpStatusCode.BadRequest);
        Assert.True(routeAgain.GetProperty("errors").TryGetProperty("route", out _));
        var ghost = await Expect.ProblemAsync(await manager.PostAsJsonAsync($"/api/contacts/{alices.Id}/assign", new { ownerId = 999_999 }, ApiJson.Options), HttpStatusCode.BadRequest);
        Assert.True(ghost.GetProperty("errors").TryGetProperty("ownerId", out _));

        var moved = await Expect.JsonAsync<ContactDto>(await manager.PostAsJsonAsync($"/api/contacts/{alices.Id}/assign", new { ownerId = bobId, reason = "Alice is on leave" }, ApiJson.Options));
        Assert.Equal(bobId, moved.OwnerId);
        Assert.True(moved.Version > alices.Version);
        await Expect.StatusAsync(await alice.GetAsync($"/api/contacts/{alices.Id}"), HttpStatusCode.NotFound);

        // Bob gives it back to the queue; Alice takes it from there.
        await Expect.StatusAsync(await bob.PostAsJsonAsync($"/api/contacts/{alices.Id}/assign", new { ownerId = (int?)null }, ApiJson.Options), HttpStatusCode.OK);
        await Expect.StatusAsync(await alice.PostAsJsonAsync($"/api/contacts/{alices.Id}/assign", new { ownerId = aliceId }, ApiJson.Options), HttpStatusCode.OK);

        var audit = await manager.GetFromJsonAsync<List<OwnerAssignmentDto>>($"/api/contacts/{alices.Id}/assignments", ApiJson.Options);
        Assert.Equal(
            [(null, aliceId, AssignmentCause.NoRuleMatched, aliceId, "no rule matched: kept by its creator"), (aliceId, bobId, AssignmentCause.Manual, managerId, "Alice is on leave"),
                (bobId, null, AssignmentCause.Manual, bobId, null), (null, aliceId, AssignmentCause.Manual, aliceId, null)],
            audit!.Select(r => (r.FromRepId, r.ToRepId, r.Cause, r.ByRepId, r.Reason)));
    }

    [Fact]
    public async Task A_lead_returning_from_nurture_is_routed_again()
    {
        var (manager, _) = await host.RepAsync("boss", manager: true);
        var (rep, repId) = await host.RepAsync("rep");
        var (_, specialistId) = await host.RepAsync("specialist");
        var interest = Unique();
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), interest, stage = "nurture" });
        Assert.Equal(repId, contact.OwnerId);
        var rule = await Expect.JsonAsync<AssignmentRuleDto>(await manager.PostAsJsonAsync("/api/assignment-rules",
            new { name = "specialists", interest, repId = specialistId }, ApiJson.Options), HttpStatusCode.Created);

        var back = await Expect.JsonAsync<ContactDto>(await rep.PostAsJsonAsync($"/api/contacts/{contact.Id}/stage", new { stage = "marketingQualified" }, ApiJson.Options));

        Assert.Equal((Stage.MarketingQualified, specialistId), (back.Stage, back.OwnerId));
        var audit = await manager.GetFromJsonAsync<List<OwnerAssignmentDto>>($"/api/contacts/{contact.Id}/assignments", ApiJson.Options);
        Assert.Equal((repId, specialistId, AssignmentCause.Rule, rule.Id, "returned from nurture"),
            (audit![^1].FromRepId, audit[^1].ToRepId, audit[^1].Cause, audit[^1].RuleId, audit[^1].Reason));
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..12];
}
