using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadMail.Api.Contacts;
using LeadMail.Api.Pipeline;
using LeadMail.Api.Web;
using LeadMail.Core.Contacts;
using LeadMail.Core.Pipeline;

namespace LeadMail.Workflow.Tests;

public sealed class PipelineTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    /// <summary>The transition table, move by move: (from, to, reason required, manager only).</summary>
    public static TheoryData<Stage, Stage, bool, bool> AllowedMoves => new()
    {
        { Stage.New, Stage.MarketingQualified, false, false },
        { Stage.MarketingQualified, Stage.SalesQualified, false, false },
        { Stage.SalesQualified, Stage.Proposal, false, false },
        { Stage.Proposal, Stage.Agreement, false, false },
        { Stage.Agreement, Stage.Won, false, false },
        { Stage.New, Stage.Lost, true, false },
        { Stage.New, Stage.Nurture, true, false },
        { Stage.SalesQualified, Stage.MarketingQualified, false, false },
        { Stage.Proposal, Stage.SalesQualified, true, false },
        { Stage.Agreement, Stage.Proposal, true, false },
        { Stage.Agreement, Stage.Lost, true, false },
        { Stage.Proposal, Stage.Nurture, true, false },
        { Stage.Nurture, Stage.MarketingQualified, false, false },
        { Stage.Nurture, Stage.Lost, true, false },
        { Stage.Won, Stage.Agreement, true, true },
        { Stage.Lost, Stage.SalesQualified, true, true },
        { Stage.Lost, Stage.Nurture, true, true },
    };

    public static TheoryData<Stage, Stage> RefusedMoves => new()
    {
        { Stage.New, Stage.SalesQualified },
        { Stage.New, Stage.Won },
        { Stage.MarketingQualified, Stage.Proposal },
        { Stage.SalesQualified, Stage.New },
        { Stage.Nurture, Stage.SalesQualified },
        { Stage.Won, Stage.Lost },
        { Stage.Lost, Stage.Won },
        { Stage.Proposal, Stage.Proposal },
    };

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public async Task An_allowed_move_is_made_with_a_reason_when_one_is_required_and_recorded(Stage from, Stage to, bool reasonRequired, bool managerOnly)
    {
        var (manager, managerId) = await host.RepAsync("boss", manager: true);
        var contact = await host.CreateContactAsync(manager, new { email = WorkflowHost.NewEmail(), stage = from });

        if (reasonRequired)
        {
            var bare = await manager.PostAsJsonAsync($"/api/contacts/{contact.Id}/stage", new { stage = to }, ApiJson.Options);
            var problem = await Expect.ProblemAsync(bare, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        }
        if (managerOnly)
        {
            var (rep, _) = await host.RepAsync("rep");
            var asRep = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), stage = from });
            var refused = await rep.PostAsJsonAsync($"/api/contacts/{asRep.Id}/stage", new { stage = to, reason = "customer came back" }, ApiJson.Options);
            await Expect.StatusAsync(refused, HttpStatusCode.Forbidden);
        }

        var moved = await Expect.JsonAsync<ContactDto>(
            await manager.PostAsJsonAsync($"/api/contacts/{contact.Id}/stage", new { stage = to, reason = "because" }, ApiJson.Options));
        Assert.Equal(to, moved.Stage);
        Assert.Equal(contact.Version + 1, moved.Version);

        var history = await manager.GetFromJsonAsync<List<StageChangeDto>>($"/api/contacts/{contact.Id}/stage-history", ApiJson.Options);
        Assert.Collection(history!,
            created => Assert.Equal((null, from, managerId), (created.From, created.To, created.ByRepId)),
            change =>
            {
                Assert.Equal((from, to, "because", managerId), (change.From, change.To, change.Reason, change.ByRepId));
                Assert.Equal(host.Clock.UtcNow, change.At);
            });
    }

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public async Task A_move_outside_the_table_is_409_listing_the_allowed_moves(Stage from, Stage to)
    {
        var (manager, _) = await host.RepAsync("boss", manager: true);
        var contact = await host.CreateContactAsync(manager, new { email = WorkflowHost.NewEmail(), stage = from });

        var response = await manager.PostAsJsonAsync($"/api/contacts/{contact.Id}/stage", new { stage = to, reason = "try" }, ApiJson.Options);

        var problem = await Expect.ProblemAsync(response, HttpStatusCode.Conflict);
        var allowed = problem.GetProperty("allowed").EnumerateArray().Select(m => m.GetProperty("to").GetString()!).ToList();
        var expected = StageTransitions.From(from).Select(m => ApiJson.Name(m.To)).ToList();
        Assert.Equal(expected, allowed);
        Assert.Equal(from, (await host.GetContactAsync(manager, contact.Id)).Stage);
        var history = await manager.GetFromJsonAsync<List<StageChangeDto>>($"/api/contacts/{contact.Id}/stage-history", ApiJson.Options);
        Assert.Single(history!);
    }

    [Fact]
    public async Task Patch_refuses_a_stage_or_owner_change_and_points_to_the_audited_endpoints()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), firstName = "Ada" });

        var stage = await PatchAsync(rep, contact, new { stage = "lost" });
        var stageProblem = await Expect.ProblemAsync(stage, HttpStatusCode.BadRequest);
        Assert.Contains("/stage", stageProblem.GetProperty("errors").GetProperty("stage")[0].GetString());

        var owner = await PatchAsync(rep, contact, new { ownerId = (int?)null });
        var ownerProblem = await Expect.ProblemAsync(owner, HttpStatusCode.BadRequest);
        Assert.Contains("/assign", ownerProblem.GetProperty("errors").GetProperty("ownerId")[0].GetString());

        // Everything else of the contract still works, including sending the unchanged stage back.
        var renamed = await Expect.JsonAsync<ContactDto>(await PatchAsync(rep, contact, new { firstName = "Grace", stage = "new", ownerId = repId }));
        Assert.Equal(("Grace", Stage.New, repId), (renamed.FirstName, renamed.Stage, renamed.OwnerId));
    }

    [Fact]
    public async Task A_stage_move_on_an_invisible_contact_is_404_and_bad_input_names_the_field()
    {
        var (owner, _) = await host.RepAsync("owner");
        var (other, _) = await host.RepAsync("other");
        var contact = await host.CreateContactAsync(owner, new { email = WorkflowHost.NewEmail() });

        await Expect.StatusAsync(await other.PostAsJsonAsync($"/api/contacts/{contact.Id}/stage", new { stage = "marketingQualified" }, ApiJson.Options), HttpStatusCode.NotFound);
        var missing = await Expect.ProblemAsync(await owner.PostAsJsonAsync($"/api/contacts/{contact.Id}/stage", new { reason = "x" }, ApiJson.Options), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("stage", out _));
        var unknown = await Expect.ProblemAsync(await owner.PostAsJsonAsync($"/api/contacts/{contact.Id}/stage", new { stage = "hot" }, ApiJson.Options), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("stage", out _));
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, ContactDto contact, object patch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/contacts/{contact.Id}") { Content = JsonContent.Create(patch, options: ApiJson.Options) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{contact.Version}\"");
        return client.SendAsync(request);
    }
}
