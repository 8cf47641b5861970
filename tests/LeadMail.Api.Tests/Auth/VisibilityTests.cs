using System.Net;
using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Interactions;

namespace LeadMail.Api.Tests.Auth;

/// <summary>Reps see their own leads and the unassigned queue; managers see everything; the rest is 404.</summary>
public sealed class VisibilityTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task Rep_b_never_sees_rep_as_contact()
    {
        using var alice = api.ClientFor("vis.alice@contoso.com");
        using var bob = api.ClientFor("vis.bob@contoso.com");
        var word = Unique.Token("secret");
        var contact = await alice.CreateLeadAsync(company: word);
        var touch = await (await alice.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "private" }))
            .ReadAsync<InteractionDto>(HttpStatusCode.Created);

        Assert.Empty((await bob.ListContactsAsync($"q={word}")).Items);
        Assert.DoesNotContain((await bob.ListContactsAsync("limit=200")).Items, c => c.Id == contact.Id);
        await (await bob.GetAsync($"/api/contacts/{contact.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        // By address a colleague's lead is its restricted view (RestrictedLookupTests), never its touches.
        Assert.DoesNotContain("private", await bob.GetStringAsync(ApiCalls.LookupUrl(contact.Email!)));
        await (await bob.PatchJsonAsync($"/api/contacts/{contact.Id}", new { company = "Stolen" }, "\"1\"")).ProblemAsync(HttpStatusCode.NotFound);
        await (await bob.PatchJsonAsync($"/api/contacts/{contact.Id}", new { company = "Stolen" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await bob.GetAsync($"/api/contacts/{contact.Id}/interactions")).ProblemAsync(HttpStatusCode.NotFound);
        await (await bob.GetAsync($"/api/contacts/{contact.Id}/interactions/{touch.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await bob.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "sneaky" })).ProblemAsync(HttpStatusCode.NotFound);

        // Nothing Bob tried left a trace.
        var after = await (await alice.GetAsync($"/api/contacts/{contact.Id}")).ReadAsync<ContactDto>();
        Assert.Equal(word, after.Company);
        Assert.Equal(1, after.Version);
        Assert.Equal(1, after.TouchesTotal);
    }

    [Fact]
    public async Task The_404_for_someone_elses_contact_is_the_same_as_for_no_contact()
    {
        using var alice = api.ClientFor("vis.same.alice@contoso.com");
        using var bob = api.ClientFor("vis.same.bob@contoso.com");
        var contact = await alice.CreateLeadAsync();

        var hidden = await (await bob.GetAsync($"/api/contacts/{contact.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        var missing = await (await bob.GetAsync("/api/contacts/999999")).ProblemAsync(HttpStatusCode.NotFound);

        // Everything but the per-request trace id is the same.
        static string WithoutTrace(System.Text.Json.JsonElement problem) =>
            string.Join(",", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
        Assert.Equal(WithoutTrace(missing), WithoutTrace(hidden));
    }

    [Fact]
    public async Task Unassigned_contacts_are_visible_to_every_rep()
    {
        using var manager = api.ManagerClient();
        using var alice = api.ClientFor("vis.queue.alice@contoso.com");
        using var bob = api.ClientFor("vis.queue.bob@contoso.com");
        var source = Unique.Token("queue-");
        var queued = await manager.CreateLeadAsync(source: source);
        Assert.Null(queued.OwnerId);

        foreach (var rep in new[] { alice, bob })
        {
            await (await rep.GetAsync($"/api/contacts/{queued.Id}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(queued.Id, (await rep.LookupAsync(queued.Email!)).Contact.Id);
            Assert.Equal([queued.Id], (await rep.ListContactsAsync($"source={source}")).Items.Select(c => c.Id));
            await (await rep.PostJsonAsync($"/api/contacts/{queued.Id}/interactions", new { channel = "note", notes = "saw it" })).ExpectAsync(HttpStatusCode.Created);
        }
        Assert.Equal(2, (await alice.ListInteractionsAsync(queued.Id)).Items.Count);
    }

    [Fact]
    public async Task A_rep_can_take_an_unassigned_lead_and_then_it_is_theirs_alone()
    {
        using var manager = api.ManagerClient();
        using var alice = api.ClientFor("vis.take.alice@contoso.com");
        using var bob = api.ClientFor("vis.take.bob@contoso.com");
        var aliceId = (await alice.MeAsync()).Id;
        var queued = await manager.CreateLeadAsync();

        // Owner changes go through the audited assignment endpoint; PATCH refuses them.
        var taken = await (await alice.PostJsonAsync($"/api/contacts/{queued.Id}/assign", new { ownerId = aliceId })).ReadAsync<ContactDto>();

        Assert.Equal(aliceId, taken.OwnerId);
        await (await bob.GetAsync($"/api/contacts/{queued.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rep_cannot_hand_a_lead_to_another_rep()
    {
        using var alice = api.ClientFor("vis.hand.alice@contoso.com");
        using var bob = api.ClientFor("vis.hand.bob@contoso.com");
        var bobId = (await bob.MeAsync()).Id;
        var contact = await alice.CreateLeadAsync();

        await (await alice.PostJsonAsync($"/api/contacts/{contact.Id}/assign", new { ownerId = bobId })).FieldErrorAsync("ownerId");
        await (await alice.PatchJsonAsync($"/api/contacts/{contact.Id}", new { ownerId = bobId }, "\"1\"")).FieldErrorAsync("ownerId");
        await (await alice.PostAsync("/api/contacts", HttpJson.Body(new { firstName = "Gift", ownerId = bobId }))).FieldErrorAsync("ownerId");
    }

    [Fact]
    public async Task A_manager_sees_every_reps_contacts_and_can_reassign_them()
    {
        using var alice = api.ClientFor("vis.mgr.alice@contoso.com");
        using var bob = api.ClientFor("vis.mgr.bob@contoso.com");
        var bobId = (await bob.MeAsync()).Id;
        using var manager = api.ManagerClient();
        var source = Unique.Token("all-");
        var alices = await alice.CreateLeadAsync(source: source);
        var bobs = await bob.CreateLeadAsync(source: source);
        await (await alice.PostJsonAsync($"/api/contacts/{alices.Id}/interactions", new { channel = "note", notes = "hers" })).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal([bobs.Id, alices.Id], (await manager.ListContactsAsync($"source={source}")).Items.Select(c => c.Id));
        await (await manager.GetAsync($"/api/contacts/{alices.Id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(alices.Id, (await manager.LookupAsync(alices.Email!)).Contact.Id);
        Assert.Single((await manager.ListInteractionsAsync(alices.Id)).Items);

        var moved = await (await manager.PostJsonAsync($"/api/contacts/{alices.Id}/assign", new { ownerId = bobId })).ReadAsync<ContactDto>();

        Assert.Equal(bobId, moved.OwnerId);
        await (await alice.GetAsync($"/api/contacts/{alices.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await bob.GetAsync($"/api/contacts/{alices.Id}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_manager_cannot_assign_a_lead_to_someone_who_is_not_a_rep()
    {
        using var manager = api.ManagerClient();
        await (await manager.PostAsync("/api/contacts", HttpJson.Body(new { firstName = "Orphan", ownerId = 424242 }))).FieldErrorAsync("ownerId");
    }

    [Fact]
    public async Task Subjects_of_synced_touches_are_hidden_from_other_reps_but_not_from_their_rep_or_managers()
    {
        using var alice = api.ClientFor("vis.subject.alice@contoso.com");
        using var bob = api.ClientFor("vis.subject.bob@contoso.com");
        using var manager = api.ManagerClient();
        var aliceId = (await alice.MeAsync()).Id;
        var queued = await manager.CreateLeadAsync();
        var messageId = $"<{Guid.NewGuid():N}@contoso.com>";
        await api.RecordTouchesAsync(new Touch(queued.Id, aliceId, Channel.Email, Direction.Outbound, api.Clock.UtcNow.AddHours(-2),
            TouchKey.ForMail(messageId, Direction.Outbound), Origin.Sync, Subject: "Our pricing for you, confidential"));
        // A subject logged by hand is meant to be shared.
        await (await alice.PostJsonAsync($"/api/contacts/{queued.Id}/interactions", new { channel = "call", outcome = "noAnswer", subject = "Follow-up call" }))
            .ExpectAsync(HttpStatusCode.Created);

        var bobsView = (await bob.LookupAsync(queued.Email!)).Interactions;
        var bobsList = (await bob.ListInteractionsAsync(queued.Id)).Items;
        var synced = Assert.Single(bobsView, t => t.Origin == Origin.Sync);
        Assert.Null(synced.Subject);
        Assert.True(synced.SubjectHidden);
        Assert.Null(Assert.Single(bobsList, t => t.Origin == Origin.Sync).Subject);
        var bobsSingle = await (await bob.GetAsync($"/api/contacts/{queued.Id}/interactions/{synced.Id}")).ReadAsync<InteractionDto>();
        Assert.Null(bobsSingle.Subject);
        Assert.Equal("Follow-up call", Assert.Single(bobsView, t => t.Origin == Origin.Api).Subject);

        foreach (var allowed in new[] { alice, manager })
        {
            var touch = Assert.Single((await allowed.LookupAsync(queued.Email!)).Interactions, t => t.Origin == Origin.Sync);
            Assert.Equal("Our pricing for you, confidential", touch.Subject);
            Assert.False(touch.SubjectHidden);
            Assert.Equal("Our pricing for you, confidential", Assert.Single((await allowed.ListInteractionsAsync(queued.Id)).Items, t => t.Origin == Origin.Sync).Subject);
        }
        Assert.DoesNotContain("confidential", await bob.GetStringAsync(ApiCalls.LookupUrl(queued.Email!)));
    }
}
