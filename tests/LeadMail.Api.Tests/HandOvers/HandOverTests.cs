using System.Net;
using LeadMail.Api.Assignment;
using LeadMail.Api.Contacts;
using LeadMail.Api.HandOvers;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Assignment;

namespace LeadMail.Api.Tests.HandOvers;

/// <summary>A rep asks for a colleague's lead; the owner or a manager hands it over through the audited assignment, or keeps it.</summary>
public sealed class HandOverTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task Accepted_by_the_owner_the_lead_is_the_askers_with_a_hand_over_in_its_assignment_history()
    {
        using var alice = api.ClientFor("handover.alice@contoso.com");
        using var bob = api.ClientFor("handover.bob@contoso.com", displayName: "Bob Asker");
        var bobId = (await bob.MeAsync()).Id;
        var lead = await alice.CreateLeadAsync(company: "Handed");

        var asked = await (await bob.PostJsonAsync($"/api/contacts/{lead.Id}/hand-over-requests", new { note = "I met her at the fair" }))
            .ReadAsync<HandOverRequestDto>(HttpStatusCode.Created);
        Assert.Equal(HandOverStatus.Pending, asked.Status);
        Assert.Equal(bobId, asked.RequestedBy!.Id);

        var waiting = await (await alice.GetAsync("/api/hand-over-requests")).ReadAsync<List<HandOverRequestDto>>();
        var request = Assert.Single(waiting, r => r.Id == asked.Id);
        Assert.Equal("Ada Lovelace", request.DisplayName);
        Assert.Equal("I met her at the fair", request.Note);
        Assert.Equal("Bob Asker", request.RequestedBy!.Name);
        Assert.DoesNotContain(await (await bob.GetAsync("/api/hand-over-requests")).ReadAsync<List<HandOverRequestDto>>(), r => r.Id == asked.Id);

        var accepted = await (await alice.PostAsync($"/api/hand-over-requests/{asked.Id}/accept", null)).ReadAsync<HandOverRequestDto>();
        Assert.Equal(HandOverStatus.Accepted, accepted.Status);

        var now = await (await bob.GetAsync($"/api/contacts/{lead.Id}")).ReadAsync<ContactDto>();
        Assert.Equal(bobId, now.OwnerId);
        var history = await (await bob.GetAsync($"/api/contacts/{lead.Id}/assignments")).ReadAsync<List<OwnerAssignmentDto>>();
        var last = history[^1];
        Assert.Equal(bobId, last.ToRepId);
        Assert.Equal(AssignmentCause.HandOver, last.Cause);
        await (await alice.PostAsync($"/api/hand-over-requests/{asked.Id}/decline", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_second_request_while_one_is_pending_is_409_and_a_manager_sees_and_declines_it()
    {
        using var alice = api.ClientFor("handover.pending.alice@contoso.com");
        using var bob = api.ClientFor("handover.pending.bob@contoso.com");
        using var manager = api.ManagerClient();
        var lead = await alice.CreateLeadAsync();

        var asked = await (await bob.PostJsonAsync($"/api/contacts/{lead.Id}/hand-over-requests", new { }))
            .ReadAsync<HandOverRequestDto>(HttpStatusCode.Created);
        await (await bob.PostJsonAsync($"/api/contacts/{lead.Id}/hand-over-requests", new { note = "again" })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains(await (await manager.GetAsync("/api/hand-over-requests")).ReadAsync<List<HandOverRequestDto>>(), r => r.Id == asked.Id);
        var declined = await (await manager.PostAsync($"/api/hand-over-requests/{asked.Id}/decline", null)).ReadAsync<HandOverRequestDto>();
        Assert.Equal(HandOverStatus.Declined, declined.Status);
        await (await manager.PostAsync($"/api/hand-over-requests/{asked.Id}/accept", null)).ProblemAsync(HttpStatusCode.Conflict);

        var owner = (await alice.MeAsync()).Id;
        Assert.Equal(owner, (await (await alice.GetAsync($"/api/contacts/{lead.Id}")).ReadAsync<ContactDto>()).OwnerId);
        // Declined, the rep may ask again.
        await (await bob.PostJsonAsync($"/api/contacts/{lead.Id}/hand-over-requests", new { })).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Only_the_owner_or_a_manager_decides_and_a_rep_cannot_ask_for_a_lead_already_open_to_them()
    {
        using var alice = api.ClientFor("handover.who.alice@contoso.com");
        using var bob = api.ClientFor("handover.who.bob@contoso.com");
        using var carol = api.ClientFor("handover.who.carol@contoso.com");
        var lead = await alice.CreateLeadAsync();
        var asked = await (await bob.PostJsonAsync($"/api/contacts/{lead.Id}/hand-over-requests", new { }))
            .ReadAsync<HandOverRequestDto>(HttpStatusCode.Created);

        await (await bob.PostAsync($"/api/hand-over-requests/{asked.Id}/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await carol.PostAsync($"/api/hand-over-requests/{asked.Id}/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["id"], (await (await alice.PostJsonAsync($"/api/contacts/{lead.Id}/hand-over-requests", new { }))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await (await bob.PostJsonAsync("/api/contacts/999999/hand-over-requests", new { })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("note", (await (await bob.PostJsonAsync($"/api/contacts/{lead.Id}/hand-over-requests", new { note = new string('x', 501) }))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        using var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/hand-over-requests")).StatusCode);
    }

    [Fact]
    public async Task Forgetting_the_lead_forgets_its_requests()
    {
        using var alice = api.ClientFor("handover.forget.alice@contoso.com");
        using var bob = api.ClientFor("handover.forget.bob@contoso.com");
        using var manager = api.ManagerClient();
        var lead = await alice.CreateLeadAsync();
        var asked = await (await bob.PostJsonAsync($"/api/contacts/{lead.Id}/hand-over-requests", new { }))
            .ReadAsync<HandOverRequestDto>(HttpStatusCode.Created);

        await (await manager.DeleteAsync($"/api/contacts/{lead.Id}")).ExpectAsync(HttpStatusCode.NoContent);

        Assert.DoesNotContain(await (await manager.GetAsync("/api/hand-over-requests")).ReadAsync<List<HandOverRequestDto>>(), r => r.Id == asked.Id);
        await (await manager.PostAsync($"/api/hand-over-requests/{asked.Id}/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

}
