using System.Net;
using LeadMail.Api.Assignment;
using LeadMail.Api.Contacts;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Assignment;

/// <summary>A manager asks which rep a lead would go to: the answer is the rep a real creation then gets, and asking changes nothing.</summary>
public sealed class RoutingPreviewTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task A_preview_names_the_rep_a_real_create_then_gets_and_takes_no_turn()
    {
        using var manager = api.ManagerClient("preview.manager@contoso.com");
        using var alice = api.ClientFor("preview.alice@contoso.com", displayName: "Alice Preview");
        using var bob = api.ClientFor("preview.bob@contoso.com", displayName: "Bob Preview");
        var aliceId = (await alice.MeAsync()).Id;
        var bobId = (await bob.MeAsync()).Id;
        var group = Unique.Token("preview-team");
        await (await manager.PutAsync($"/api/rep-groups/{group}", HttpJson.Body(new { repIds = new[] { aliceId, bobId } }))).ExpectAsync(HttpStatusCode.OK);
        var interest = Unique.Token("wind");
        var rule = await (await manager.PostJsonAsync("/api/assignment-rules", new { name = "Wind to the team", interest, country = "DE", group }))
            .ReadAsync<AssignmentRuleDto>(HttpStatusCode.Created);
        var turnsBefore = await TurnsAsync(manager, group);

        var first = await PreviewAsync(manager, new { interest = interest.ToUpperInvariant(), country = "de" });
        var again = await PreviewAsync(manager, new { interest, country = "DE" });

        Assert.True(first.Matched);
        Assert.Equal(rule.Id, first.RuleId);
        Assert.Equal("Wind to the team", first.RuleName);
        Assert.Equal(group, first.Group);
        Assert.Equal(aliceId, first.RepId);
        Assert.Equal("Alice Preview", first.RepName);
        Assert.Equal(first, again);
        Assert.Equal(turnsBefore, await TurnsAsync(manager, group));

        var created = await (await manager.PostJsonAsync("/api/contacts", new { firstName = "Previewed", email = Unique.Email("preview"), interest, country = "DE" }))
            .ReadAsync<ContactDto>(HttpStatusCode.Created);
        Assert.Equal(first.RepId, created.OwnerId);
        Assert.Equal(turnsBefore + 1, await TurnsAsync(manager, group));

        // The real creation took Alice's turn: the next lead goes to Bob, and the preview says so.
        var next = await PreviewAsync(manager, new { interest, country = "DE" });
        Assert.Equal(bobId, next.RepId);
        var second = await (await manager.PostJsonAsync("/api/contacts", new { firstName = "Previewed", lastName = "Again", email = Unique.Email("preview"), interest, country = "DE" }))
            .ReadAsync<ContactDto>(HttpStatusCode.Created);
        Assert.Equal(bobId, second.OwnerId);
    }

    [Fact]
    public async Task A_preview_that_no_rule_matches_says_so()
    {
        using var manager = api.ManagerClient("preview.none.manager@contoso.com");

        var answer = await PreviewAsync(manager, new { interest = Unique.Token("nothing-routes-this"), source = Unique.Token("nowhere"), score = -1000 });

        Assert.False(answer.Matched);
        Assert.Null(answer.RuleId);
        Assert.Null(answer.RepId);
    }

    [Fact]
    public async Task A_preview_with_a_bad_country_or_score_is_a_400_naming_the_field()
    {
        using var manager = api.ManagerClient("preview.bad.manager@contoso.com");

        var problem = await (await manager.PostJsonAsync("/api/assignment-rules/preview", new { country = "Germany" })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("country", out _), problem.ToString());
    }

    [Fact]
    public async Task A_rep_may_not_preview_routing()
    {
        using var rep = api.ClientFor("preview.rep@contoso.com");

        await (await rep.PostJsonAsync("/api/assignment-rules/preview", new { source = "web" })).ProblemAsync(HttpStatusCode.Forbidden);
    }

    private static async Task<RoutingPreviewDto> PreviewAsync(HttpClient manager, object body) =>
        await (await manager.PostJsonAsync("/api/assignment-rules/preview", body)).ReadAsync<RoutingPreviewDto>();

    private static async Task<long> TurnsAsync(HttpClient manager, string group) =>
        (await (await manager.GetAsync("/api/rep-groups")).ReadAsync<List<RepGroupDto>>()).Single(g => g.Name == group).Turns;
}
