using System.Net;
using System.Text.Json;
using LeadMail.Api.HandOvers;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.HandOvers;

/// <summary>The requests a rep made and is waiting on, with the lead as the asker may see it: restricted, nothing of its history.</summary>
public sealed class SentHandOverTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task The_asker_sees_their_pending_request_with_the_leads_restricted_view_until_it_is_decided()
    {
        using var alice = api.ClientFor("sent.alice@contoso.com", displayName: "Alice Owner");
        using var bob = api.ClientFor("sent.bob@contoso.com");
        var secret = Unique.Token("sent-secret-");
        var lead = await alice.CreateLeadAsync(company: "Sent Ltd");
        await (await alice.PostJsonAsync($"/api/contacts/{lead.Id}/interactions", new { channel = "note", notes = secret })).ExpectAsync(HttpStatusCode.Created);
        var asked = await (await bob.PostJsonAsync($"/api/contacts/{lead.Id}/hand-over-requests", new { note = "Met her" }))
            .ReadAsync<HandOverRequestDto>(HttpStatusCode.Created);

        var response = await bob.GetAsync("/api/hand-over-requests/sent");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var sent = Assert.Single(JsonDocument.Parse(text).RootElement.EnumerateArray());
        Assert.Equal(asked.Id, sent.GetProperty("request").GetProperty("id").GetInt32());
        Assert.Equal("pending", sent.GetProperty("request").GetProperty("status").GetString());
        var view = sent.GetProperty("lead");
        Assert.Equal("restricted", view.GetProperty("access").GetString());
        Assert.Equal("Alice Owner", view.GetProperty("contact").GetProperty("owner").GetProperty("name").GetString());
        Assert.Equal("Sent Ltd", view.GetProperty("contact").GetProperty("company").GetString());
        Assert.Empty(view.GetProperty("interactions").EnumerateArray());

        // The owner made no request: the list is the asker's alone.
        Assert.Empty(await (await alice.GetAsync("/api/hand-over-requests/sent")).ReadAsync<List<SentHandOverDto>>());

        await (await alice.PostAsync($"/api/hand-over-requests/{asked.Id}/decline", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(await (await bob.GetAsync("/api/hand-over-requests/sent")).ReadAsync<List<SentHandOverDto>>());
    }

    [Fact]
    public async Task A_lead_the_asker_may_open_in_full_meanwhile_comes_without_a_restricted_view()
    {
        using var alice = api.ClientFor("sent.free.alice@contoso.com");
        using var bob = api.ClientFor("sent.free.bob@contoso.com");
        using var manager = api.ManagerClient();
        var lead = await alice.CreateLeadAsync();
        await (await bob.PostJsonAsync($"/api/contacts/{lead.Id}/hand-over-requests", new { })).ExpectAsync(HttpStatusCode.Created);
        await (await manager.PostJsonAsync($"/api/contacts/{lead.Id}/assign", new { ownerId = (int?)null })).ExpectAsync(HttpStatusCode.OK);

        var sent = Assert.Single(await (await bob.GetAsync("/api/hand-over-requests/sent")).ReadAsync<List<SentHandOverDto>>());
        Assert.Equal(lead.Id, sent.Request.ContactId);
        Assert.Null(sent.Lead);
    }
}
