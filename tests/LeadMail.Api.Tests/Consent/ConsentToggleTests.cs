using System.Net;
using LeadMail.Api.Consent;
using LeadMail.Api.Contacts;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Api.Web;
using LeadMail.Core.Consent;

namespace LeadMail.Api.Tests.Consent;

/// <summary>"Asked not to be called / emailed / unsubscribed" and back, one call each, every change recorded with who and when.</summary>
public sealed class ConsentToggleTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    private static async Task<ConsentDto> PutAsync(HttpClient client, int id, object flags) =>
        await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/contacts/{id}/consent") { Content = HttpJson.Body(flags) }))
            .ReadAsync<ConsentDto>();

    [Fact]
    public async Task Each_toggle_is_one_call_and_the_history_says_who_and_when()
    {
        using var rep = api.ClientFor("consent.toggle@contoso.com", displayName: "Rita Rep");
        using var manager = api.ManagerClient();
        var me = (await rep.MeAsync()).Id;
        var lead = await rep.CreateLeadAsync(ownerId: me);
        var first = api.Clock.UtcNow;

        var noCalls = await PutAsync(rep, lead.Id, new { doNotCall = true });
        Assert.Equal((true, false, false), (noCalls.DoNotCall, noCalls.DoNotEmail, noCalls.Unsubscribed));
        api.Clock.Advance(TimeSpan.FromHours(1));
        await PutAsync(rep, lead.Id, new { doNotEmail = true });
        api.Clock.Advance(TimeSpan.FromHours(1));
        var back = await PutAsync(rep, lead.Id, new { doNotCall = false });
        Assert.Equal((false, true, false), (back.DoNotCall, back.DoNotEmail, back.Unsubscribed));
        // Setting a flag to what it is records nothing.
        Assert.Equal(back.Version, (await PutAsync(rep, lead.Id, new { doNotEmail = true })).Version);

        var contact = await (await rep.GetAsync($"/api/contacts/{lead.Id}")).ReadAsync<ContactDto>();
        Assert.Equal((false, true, false), (contact.DoNotCall, contact.DoNotEmail, contact.Unsubscribed));

        var history = await (await rep.GetAsync($"/api/contacts/{lead.Id}/consent/changes")).ReadAsync<List<ConsentChangeDto>>();
        Assert.Equal([(ConsentFlag.DoNotCall, false), (ConsentFlag.DoNotEmail, true), (ConsentFlag.DoNotCall, true)], history.Select(h => (h.Flag, h.Value)));
        Assert.All(history, h => Assert.Equal((me, "Rita Rep"), (h.ByRepId!.Value, h.ByRepName)));
        Assert.Equal([first.AddHours(2), first.AddHours(1), first], history.Select(h => h.At));

        var all = await (await manager.GetAsync("/api/consent/changes?limit=200")).ReadAsync<Page<ConsentChangeDto>>();
        Assert.Equal(3, all.Items.Count(h => h.ContactId == lead.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync("/api/consent/changes")).StatusCode);
    }

    [Fact]
    public async Task A_patch_that_changes_a_flag_is_recorded_too_and_forgetting_the_lead_forgets_its_history()
    {
        using var rep = api.ClientFor("consent.patch@contoso.com");
        using var manager = api.ManagerClient();
        var lead = await rep.CreateLeadAsync(ownerId: (await rep.MeAsync()).Id);
        await (await rep.PatchJsonAsync($"/api/contacts/{lead.Id}", new { unsubscribed = true }, ContactEndpointsETag(lead.Version))).ExpectAsync(HttpStatusCode.OK);

        var history = await (await rep.GetAsync($"/api/contacts/{lead.Id}/consent/changes")).ReadAsync<List<ConsentChangeDto>>();
        Assert.Equal([(ConsentFlag.Unsubscribed, true)], history.Select(h => (h.Flag, h.Value)));

        await (await manager.DeleteAsync($"/api/contacts/{lead.Id}")).ExpectAsync(HttpStatusCode.NoContent);
        var all = await (await manager.GetAsync("/api/consent/changes?limit=200")).ReadAsync<Page<ConsentChangeDto>>();
        Assert.DoesNotContain(all.Items, h => h.ContactId == lead.Id);
    }

    [Fact]
    public async Task A_colleagues_lead_is_404_and_an_empty_body_is_400()
    {
        using var alice = api.ClientFor("consent.alice@contoso.com");
        using var bob = api.ClientFor("consent.bob@contoso.com");
        var lead = await alice.CreateLeadAsync(ownerId: (await alice.MeAsync()).Id);

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/contacts/{lead.Id}/consent") { Content = HttpJson.Body(new { doNotEmail = true }) };
        await (await bob.SendAsync(put)).ProblemAsync(HttpStatusCode.NotFound);
        await (await bob.GetAsync($"/api/contacts/{lead.Id}/consent/changes")).ProblemAsync(HttpStatusCode.NotFound);
        var empty = new HttpRequestMessage(HttpMethod.Put, $"/api/contacts/{lead.Id}/consent") { Content = HttpJson.Body(new { }) };
        Assert.NotEmpty(await (await alice.SendAsync(empty)).FieldErrorAsync("doNotCall"));
        Assert.False((await (await alice.GetAsync($"/api/contacts/{lead.Id}")).ReadAsync<ContactDto>()).DoNotEmail);
    }

    private static string ContactEndpointsETag(int version) => $"\"{version}\"";
}
