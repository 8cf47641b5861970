using System.Net;
using System.Text.Json;
using LeadMail.Api.Contacts;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Contacts;

/// <summary>
/// An address that already belongs to a colleague's lead: the 409 names the owner to ask, and never
/// the id of a contact the caller cannot open. Whoever may see the contact still gets its id.
/// </summary>
public sealed class ColleagueLeadConflictTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task Creating_a_lead_with_a_colleagues_address_names_the_owner_and_not_the_contact()
    {
        using var alice = api.ClientFor("conflict.alice@contoso.com", displayName: "Alice Adams");
        using var bob = api.ClientFor("conflict.bob@contoso.com", displayName: "Bob Brown");
        var aliceLead = await alice.CreateLeadAsync(ownerId: (await alice.MeAsync()).Id);

        var response = await bob.PostAsync("/api/contacts", HttpJson.Body(new { firstName = "Twin", email = aliceLead.Email!.ToUpperInvariant() }));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        AssertRestricted(problem, "Alice Adams", "conflict.alice@contoso.com");
        await (await bob.GetAsync($"/api/contacts/{aliceLead.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Adding_a_colleagues_address_to_an_own_lead_names_the_owner_and_not_the_contact()
    {
        using var alice = api.ClientFor("conflict.patch.alice@contoso.com", displayName: "Alice Patch");
        using var bob = api.ClientFor("conflict.patch.bob@contoso.com", displayName: "Bob Patch");
        var aliceLead = await alice.CreateLeadAsync(ownerId: (await alice.MeAsync()).Id);
        var bobLead = await bob.CreateLeadAsync(ownerId: (await bob.MeAsync()).Id);

        var response = await bob.PatchJsonAsync($"/api/contacts/{bobLead.Id}", new { emails = new[] { bobLead.Email, aliceLead.Email } }, "\"1\"");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        AssertRestricted(problem, "Alice Patch", "conflict.patch.alice@contoso.com");
        var unchanged = await (await bob.GetAsync($"/api/contacts/{bobLead.Id}")).ReadAsync<ContactDto>();
        Assert.Equal([bobLead.Email!], unchanged.Emails);
        Assert.Equal(1, unchanged.Version);
    }

    [Fact]
    public async Task A_manager_the_owner_and_anyone_for_an_unassigned_lead_get_the_contact_id()
    {
        using var alice = api.ClientFor("conflict.full.alice@contoso.com", displayName: "Alice Full");
        using var bob = api.ClientFor("conflict.full.bob@contoso.com", displayName: "Bob Full");
        using var manager = api.ManagerClient("conflict.full.manager@contoso.com");
        var aliceLead = await alice.CreateLeadAsync(ownerId: (await alice.MeAsync()).Id);
        var queued = await manager.CreateLeadAsync();
        Assert.Null(queued.OwnerId);

        foreach (var (client, lead) in new[] { (manager, aliceLead), (alice, aliceLead), (bob, queued) })
        {
            var response = await client.PostAsync("/api/contacts", HttpJson.Body(new { firstName = "Twin", email = lead.Email }));

            var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("email", problem.GetProperty("field").GetString());
            Assert.Equal(lead.Id, problem.GetProperty("contactId").GetInt32());
            Assert.Equal("full", problem.GetProperty("access").GetString());
        }
    }

    private static void AssertRestricted(JsonElement problem, string ownerName, string ownerEmail)
    {
        Assert.Equal("email", problem.GetProperty("field").GetString());
        Assert.Equal("restricted", problem.GetProperty("access").GetString());
        Assert.False(problem.TryGetProperty("contactId", out _), $"A contact id the caller cannot open: {problem}");
        var owner = problem.GetProperty("owner");
        Assert.Equal(ownerName, owner.GetProperty("name").GetString());
        Assert.Equal(ownerEmail, owner.GetProperty("email").GetString());
        Assert.Contains("colleague", problem.GetProperty("title").GetString());
        Assert.Contains(ownerName, problem.GetProperty("detail").GetString());
    }
}
