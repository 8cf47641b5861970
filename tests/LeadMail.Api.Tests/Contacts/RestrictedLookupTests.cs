using System.Net;
using System.Text.Json;
using LeadMail.Api.Interactions;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Contacts;

/// <summary>
/// A colleague's lead looked up by address: enough to warn and to ask for it (name, company, owner, stage,
/// consent, the cap over every rep, the last touch), nothing of its history or profile.
/// </summary>
public sealed class RestrictedLookupTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    private static readonly string[] AnswerFields =
        ["access", "contact", "interactions", "doNotCall", "doNotEmail", "unsubscribed", "frequencyCap", "lastTouchAt"];

    private static readonly string[] ContactFields =
        ["id", "access", "displayName", "company", "stage", "doNotCall", "doNotEmail", "unsubscribed", "ownerId", "owner", "rule", "frequencyCap", "lastTouchAt", "createdAt"];

    private static readonly string[] OwnerFields = ["name", "email"];

    private static readonly string[] CapFields = ["outboundTouchesInWindow", "cap", "windowDays", "windowStart", "reached"];

    [Fact]
    public async Task A_colleagues_lead_answers_its_restricted_view_and_nothing_more()
    {
        using var alice = api.ClientFor("restricted.alice@contoso.com", displayName: "Alice Owner");
        using var bob = api.ClientFor("restricted.bob@contoso.com");
        var secret = Unique.Token("secret");
        var lead = await alice.CreateContactAsync(new
        {
            firstName = "Grace", lastName = "Hopper", email = Unique.Email("grace"), company = "Navy", title = secret,
            phone = "+1 555 0100", mobilePhone = "+1 555 0101", background = secret, interest = secret, source = secret,
            street = secret, city = secret, nextFollowUpDue = api.Clock.UtcNow.AddDays(2), nextFollowUpNote = secret, doNotEmail = true,
        });
        var called = api.Clock.UtcNow.AddHours(-3);
        await (await alice.PostJsonAsync($"/api/contacts/{lead.Id}/interactions",
            new { channel = "call", outcome = "noAnswer", subject = secret, notes = secret, occurredAt = called })).ExpectAsync(HttpStatusCode.Created);
        await (await alice.PostJsonAsync($"/api/contacts/{lead.Id}/interactions",
            new { channel = "letter", notes = secret, occurredAt = called.AddHours(1) })).ExpectAsync(HttpStatusCode.Created);

        using var response = await bob.GetAsync(ApiCalls.LookupUrl(lead.Email!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, body);
        Assert.DoesNotContain("555", body);
        using var json = JsonDocument.Parse(body);
        var answer = json.RootElement;

        Assert.Equal(AnswerFields.Order(), Names(answer));
        Assert.Equal("restricted", answer.GetProperty("access").GetString());
        Assert.Equal(0, answer.GetProperty("interactions").GetArrayLength());
        var contact = answer.GetProperty("contact");
        Assert.Equal(ContactFields.Order(), Names(contact));
        Assert.Equal(OwnerFields.Order(), Names(contact.GetProperty("owner")));
        Assert.Equal(CapFields.Order(), Names(contact.GetProperty("frequencyCap")));
        Assert.Equal(CapFields.Order(), Names(answer.GetProperty("frequencyCap")));

        Assert.Equal(lead.Id, contact.GetProperty("id").GetInt32());
        Assert.Equal("Grace Hopper", contact.GetProperty("displayName").GetString());
        Assert.Equal("Navy", contact.GetProperty("company").GetString());
        Assert.Equal("Alice Owner", contact.GetProperty("owner").GetProperty("name").GetString());
        Assert.Equal("new", contact.GetProperty("stage").GetString());
        Assert.True(answer.GetProperty("doNotEmail").GetBoolean());
        Assert.False(answer.GetProperty("doNotCall").GetBoolean());
        Assert.Equal(2, answer.GetProperty("frequencyCap").GetProperty("outboundTouchesInWindow").GetInt32());
        Assert.Equal(called.AddHours(1), answer.GetProperty("lastTouchAt").GetDateTime());
    }

    [Fact]
    public async Task The_cap_counts_every_reps_touches_and_the_owner_and_a_manager_see_the_full_lead()
    {
        using var alice = api.ClientFor("restricted.cap.alice@contoso.com");
        using var bob = api.ClientFor("restricted.cap.bob@contoso.com");
        using var manager = api.ManagerClient();
        var lead = await alice.CreateLeadAsync();
        for (var i = 0; i < 3; i++)
            await (await manager.PostJsonAsync($"/api/contacts/{lead.Id}/interactions", new { channel = "call", outcome = "noAnswer" })).ExpectAsync(HttpStatusCode.Created);

        var restricted = await (await bob.GetAsync(ApiCalls.LookupUrl(lead.Email!))).ReadAsync<JsonElement>();
        var cap = restricted.GetProperty("frequencyCap");
        Assert.Equal(3, cap.GetProperty("outboundTouchesInWindow").GetInt32());
        Assert.True(cap.GetProperty("reached").GetBoolean());

        var own = await alice.LookupAsync(lead.Email!);
        Assert.Equal("full", own.Access);
        Assert.Equal(3, own.Interactions.Count);
        Assert.Equal("full", (await manager.LookupAsync(lead.Email!)).Access);
    }

    [Fact]
    public async Task Reads_by_id_and_lists_stay_closed_to_the_colleague()
    {
        using var alice = api.ClientFor("restricted.closed.alice@contoso.com");
        using var bob = api.ClientFor("restricted.closed.bob@contoso.com");
        var lead = await alice.CreateLeadAsync(company: Unique.Token("closed"));

        Assert.Equal("restricted", (await (await bob.GetAsync(ApiCalls.LookupUrl(lead.Email!))).ReadAsync<JsonElement>()).GetProperty("access").GetString());
        await (await bob.GetAsync($"/api/contacts/{lead.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await bob.GetAsync($"/api/contacts/{lead.Id}/interactions")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await bob.ListContactsAsync($"q={lead.Company}")).Items);
    }

    [Fact]
    public async Task The_409_for_a_colleagues_address_carries_the_same_restricted_view_as_the_lookup()
    {
        using var alice = api.ClientFor("restricted.agree.alice@contoso.com");
        using var bob = api.ClientFor("restricted.agree.bob@contoso.com");
        var lead = await alice.CreateLeadAsync(company: "Agreed");

        var lookup = await (await bob.GetAsync(ApiCalls.LookupUrl(lead.Email!))).ReadAsync<JsonElement>();
        var problem = await (await bob.PostJsonAsync("/api/contacts", new { email = lead.Email })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(lookup.GetProperty("contact").GetRawText(), problem.GetProperty("contact").GetRawText());
    }

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order();
}
