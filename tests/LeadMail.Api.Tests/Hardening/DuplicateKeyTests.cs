using System.Net;
using LeadMail.Api.Contacts;
using LeadMail.Api.Reps;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Hardening;

/// <summary>
/// A body that names a field twice (in any case, at any depth) or holds a lone surrogate is refused
/// with a 400 naming the field, on POST, PUT and PATCH alike, and changes nothing.
/// </summary>
public sealed class DuplicateKeyTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    public static TheoryData<string, string> ContactPatches => new()
    {
        { """{"city":"a","city":"b"}""", "city" },
        { """{"city":"a","CITY":"b"}""", "city" },
        { """{"city":"\ud800"}""", "city" },
        { """{"city":"x\udc00y"}""", "city" },
        { """{"\ud800":"a"}""", "body" },
        { """{"city":{"a":1,"A":2}}""", "city.a" },
        { """{"emails":["a@example.com"],"Emails":["b@example.com"]}""", "emails" },
    };

    [Theory]
    [MemberData(nameof(ContactPatches))]
    public async Task A_contact_patch_with_a_duplicate_key_or_a_lone_surrogate_is_400_and_changes_nothing(string body, string field)
    {
        using var rep = api.ClientFor("dup.contact@contoso.com");
        var contact = await rep.CreateLeadAsync();
        var before = await (await rep.GetAsync($"/api/contacts/{contact.Id}")).Content.ReadAsStringAsync();

        var response = await rep.SendAsync(Raw(HttpMethod.Patch, $"/api/contacts/{contact.Id}", body, ifMatch: "*"));

        await response.FieldErrorAsync(field);
        Assert.Equal(before, await (await rep.GetAsync($"/api/contacts/{contact.Id}")).Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string> RepPatches => new()
    {
        { """{"displayName":"a","displayName":"b"}""", "displayName" },
        { """{"displayName":"a","DisplayName":"b"}""", "displayName" },
        { """{"displayName":"\ud800"}""", "displayName" },
    };

    [Theory]
    [MemberData(nameof(RepPatches))]
    public async Task A_rep_patch_with_a_duplicate_key_or_a_lone_surrogate_is_400_and_changes_nothing(string body, string field)
    {
        using var manager = api.ManagerClient("dup.manager@contoso.com");
        var added = await (await manager.PostJsonAsync("/api/reps", new { email = Unique.Email("rep"), displayName = "Dup Rep" }))
            .ReadAsync<RepDto>(HttpStatusCode.Created);

        var response = await manager.SendAsync(Raw(HttpMethod.Patch, $"/api/reps/{added.Id}", body));

        await response.FieldErrorAsync(field);
        HttpJson.SameJson(added, await (await manager.GetAsync($"/api/reps/{added.Id}")).ReadAsync<RepDto>());
    }

    public static TheoryData<string, string> TouchPatches => new()
    {
        { """{"notes":"a","notes":"b"}""", "notes" },
        { """{"notes":"a","NOTES":"b"}""", "notes" },
        { """{"notes":"\ud800"}""", "notes" },
    };

    [Theory]
    [MemberData(nameof(TouchPatches))]
    public async Task A_touch_patch_with_a_duplicate_key_or_a_lone_surrogate_is_400_and_changes_nothing(string body, string field)
    {
        using var rep = api.ClientFor("dup.touch@contoso.com");
        var contact = await rep.CreateLeadAsync();
        var touch = await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "Met at lunch" }))
            .Content.ReadAsStringAsync();
        var touchId = System.Text.Json.JsonDocument.Parse(touch).RootElement.GetProperty("id").GetInt64();
        var url = $"/api/contacts/{contact.Id}/interactions/{touchId}";
        var before = await (await rep.GetAsync(url)).Content.ReadAsStringAsync();

        var response = await rep.SendAsync(Raw(HttpMethod.Patch, url, body));

        await response.FieldErrorAsync(field);
        Assert.Equal(before, await (await rep.GetAsync(url)).Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string> ContactCreates => new()
    {
        { """{"firstName":"Ada","city":"a","city":"b"}""", "city" },
        { """{"firstName":"Ada","city":"a","CITY":"b"}""", "city" },
        { """{"firstName":"Ada","city":"\ud800"}""", "city" },
    };

    [Theory]
    [MemberData(nameof(ContactCreates))]
    public async Task A_contact_create_with_a_duplicate_key_or_a_lone_surrogate_is_400_and_adds_nothing(string body, string field)
    {
        using var rep = api.ClientFor("dup.create@contoso.com");
        var email = Unique.Email();
        var response = await rep.SendAsync(Raw(HttpMethod.Post, "/api/contacts", body.Replace("\"firstName\":\"Ada\"", $"\"firstName\":\"Ada\",\"email\":\"{email}\"")));

        var messages = await response.FieldErrorAsync(field);
        Assert.NotEmpty(messages);
        await (await rep.GetAsync(ApiCalls.LookupUrl(email))).ExpectAsync(HttpStatusCode.NotFound);
    }

    /// <summary>Every other body the API reads obeys the same rule.</summary>
    public static TheoryData<string, string, string, string> OtherBodies => new()
    {
        { "POST", "/api/contacts/{id}/stage", """{"stage":"contacted","STAGE":"lost"}""", "stage" },
        { "POST", "/api/contacts/{id}/stage", """{"stage":"lost","reason":"\ud800"}""", "reason" },
        { "PUT", "/api/contacts/{id}/follow-up", """{"dueAt":"2030-01-01T09:00:00Z","note":"a","Note":"b"}""", "note" },
        { "POST", "/api/contacts/{id}/interactions", """{"channel":"note","notes":"a","notes":"b"}""", "notes" },
        { "POST", "/api/contacts/{id}/assign", """{"route":true,"reason":"a","Reason":"b"}""", "reason" },
        { "POST", "/api/assignment-rules", """{"name":"a","NAME":"b","repId":1}""", "name" },
        { "PUT", "/api/rep-groups/dup-group", """{"repIds":[1],"RepIds":[2]}""", "repIds" },
        { "POST", "/api/reps", """{"email":"a@example.com","displayName":"a","displayname":"b"}""", "displayName" },
    };

    [Theory]
    [MemberData(nameof(OtherBodies))]
    public async Task Every_body_refuses_a_duplicate_key_or_a_lone_surrogate(string method, string url, string body, string field)
    {
        using var manager = api.ManagerClient("dup.everywhere@contoso.com");
        var contact = await manager.CreateLeadAsync();

        var response = await manager.SendAsync(Raw(new HttpMethod(method), url.Replace("{id}", contact.Id.ToString()), body));

        await response.FieldErrorAsync(field);
        HttpJson.SameJson(contact with { FrequencyCap = null }, (await (await manager.GetAsync($"/api/contacts/{contact.Id}")).ReadAsync<ContactDto>()) with { FrequencyCap = null });
    }

    internal static HttpRequestMessage Raw(HttpMethod method, string url, string json, string? ifMatch = null, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(method, url) { Content = HttpJson.Raw(json, method == HttpMethod.Patch ? "application/merge-patch+json" : mediaType) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}
