using System.Net;
using System.Text.Json;
using LeadMail.Api.Assignment;
using LeadMail.Api.Contacts;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Contacts;

/// <summary>A rep adds a lead that a routing rule gives to a colleague: saved once, answered 201 with what the rep may still see.</summary>
public sealed class RoutedCreateTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task A_lead_routed_to_a_colleague_answers_201_with_its_id_owner_and_rule()
    {
        using var manager = api.ManagerClient("routed.manager@contoso.com");
        using var alice = api.ClientFor("routed.alice@contoso.com", displayName: "Alice Routed");
        using var bob = api.ClientFor("routed.bob@contoso.com", displayName: "Bob Routed");
        var aliceId = (await alice.MeAsync()).Id;
        var interest = Unique.Token("solar");
        var rule = await (await manager.PostJsonAsync("/api/assignment-rules", new { name = "Solar to Alice", interest, repId = aliceId }))
            .ReadAsync<AssignmentRuleDto>(HttpStatusCode.Created);
        var address = Unique.Email("routed");

        var response = await bob.PostAsync("/api/contacts", HttpJson.Body(new
        {
            firstName = "Grace", lastName = "Hopper", company = "Navy", email = address, interest, background = "met at the fair",
        }));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201 but got {(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal("restricted", body.GetProperty("access").GetString());
        Assert.Equal("Grace Hopper", body.GetProperty("displayName").GetString());
        Assert.Equal(aliceId, body.GetProperty("ownerId").GetInt32());
        Assert.Equal("Alice Routed", body.GetProperty("owner").GetProperty("name").GetString());
        Assert.Equal("routed.alice@contoso.com", body.GetProperty("owner").GetProperty("email").GetString());
        Assert.Equal(rule.Id, body.GetProperty("rule").GetProperty("id").GetInt32());
        Assert.Equal("Solar to Alice", body.GetProperty("rule").GetProperty("name").GetString());
        // Only what the restricted card shows: not the lead's background, and no link or ETag the rep cannot use.
        Assert.False(body.TryGetProperty("background", out _), text);
        Assert.Null(response.Headers.Location);
        Assert.Null(response.Headers.ETag);

        // Saved once, for Alice; Bob still cannot open it, and a retry is the colleague's-lead 409.
        var saved = await (await manager.GetAsync($"/api/contacts/{id}")).ReadAsync<ContactDto>();
        Assert.Equal(aliceId, saved.OwnerId);
        Assert.Equal("met at the fair", saved.Background);
        await (await bob.GetAsync($"/api/contacts/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        var retry = await (await bob.PostAsync("/api/contacts", HttpJson.Body(new { firstName = "Grace", email = address, interest })))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("restricted", retry.GetProperty("access").GetString());
        Assert.Single((await manager.ListContactsAsync($"q={Uri.EscapeDataString(address)}")).Items);
    }

    [Fact]
    public async Task A_lead_routed_to_a_colleague_with_a_follow_up_keeps_the_follow_up()
    {
        using var manager = api.ManagerClient("routed.fu.manager@contoso.com");
        using var alice = api.ClientFor("routed.fu.alice@contoso.com", displayName: "Alice Follow");
        using var bob = api.ClientFor("routed.fu.bob@contoso.com", displayName: "Bob Follow");
        var aliceId = (await alice.MeAsync()).Id;
        var interest = Unique.Token("heat");
        await (await manager.PostJsonAsync("/api/assignment-rules", new { name = "Heat to Alice", interest, repId = aliceId }))
            .ExpectAsync(HttpStatusCode.Created);
        var due = api.Clock.UtcNow.AddDays(3);

        var response = await bob.PostAsync("/api/contacts", HttpJson.Body(new { firstName = "Ada", email = Unique.Email(), interest, nextFollowUpDue = due }));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201 but got {(int)response.StatusCode}: {text}");
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32();
        var saved = await (await manager.GetAsync($"/api/contacts/{id}")).ReadAsync<ContactDto>();
        Assert.Equal(aliceId, saved.OwnerId);
        Assert.Equal(due, saved.NextFollowUpDue);
    }

    [Fact]
    public async Task A_lead_routed_to_its_creator_answers_the_full_contact()
    {
        using var manager = api.ManagerClient("routed.self.manager@contoso.com");
        using var bob = api.ClientFor("routed.self.bob@contoso.com", displayName: "Bob Self");
        var bobId = (await bob.MeAsync()).Id;
        var interest = Unique.Token("wind");
        await (await manager.PostJsonAsync("/api/assignment-rules", new { name = "Wind to Bob", interest, repId = bobId }))
            .ExpectAsync(HttpStatusCode.Created);

        var response = await bob.PostAsync("/api/contacts", HttpJson.Body(new { firstName = "Ada", email = Unique.Email(), interest, background = "kept" }));

        var created = await response.ReadAsync<ContactDto>(HttpStatusCode.Created);
        Assert.Equal(bobId, created.OwnerId);
        Assert.Equal("kept", created.Background);
        Assert.Equal($"/api/contacts/{created.Id}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_openapi_document_describes_both_bodies_a_create_may_answer()
    {
        using var anonymous = api.CreateClient();

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"));

        var created = document.RootElement.GetProperty("paths").GetProperty("/api/contacts").GetProperty("post")
            .GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var bodies = created.GetProperty("oneOf").EnumerateArray().Select(s => s.GetProperty("$ref").GetString()).ToList();
        Assert.Equal(["#/components/schemas/ContactDto", "#/components/schemas/RestrictedContactDto"], bodies);
    }
}
