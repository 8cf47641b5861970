using System.Net;
using LeadMail.Api.Contacts;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Contacts;

/// <summary>Bad input answers a ProblemDetails that names the field, never a 500, and stores nothing.</summary>
public sealed class ContactValidationTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    public static TheoryData<string, string> InvalidContacts => new()
    {
        { """{"firstName":"Ada","email":"ada@"}""", "email" },
        { """{"firstName":"Ada","email":"ada@localhost"}""", "email" },
        { """{"firstName":"Ada","email":"Ada <ada@example.com>"}""", "email" },
        { """{"firstName":"Ada","email":"ada lovelace@example.com"}""", "email" },
        { """{"firstName":"Ada","emails":["ok@example.com","broken"]}""", "emails[1]" },
        { """{}""", "email" },
        { """{"firstName":"   ","lastName":""}""", "email" },
        { """{"firstName":"Ada","fistName":"typo"}""", "fistName" },
        { """{"firstName":"Ada","stage":"hot"}""", "stage" },
        { """{"firstName":"Ada","stage":2}""", "stage" },
        { """{"firstName":"Ada","priority":"urgent"}""", "priority" },
        { """{"firstName":"Ada","nextFollowUpDue":"2026-12-01T09:00:00"}""", "nextFollowUpDue" },
        { """{"firstName":"Ada","nextFollowUpDue":"next week"}""", "nextFollowUpDue" },
        { """{"firstName":"Ada","firstMetOn":"1850-05-01"}""", "firstMetOn" },
        { """{"firstName":"Ada","firstMetOn":"May 1st"}""", "firstMetOn" },
        { """{"firstName":"%101"}""", "firstName" },
        { """{"firstName":"Ada","lastName":"%101"}""", "lastName" },
        { """{"firstName":"Ada","company":"%201"}""", "company" },
        { """{"firstName":"Ada","phone":"%41"}""", "phone" },
        { """{"firstName":"Ada","background":"%4001"}""", "background" },
        { """{"firstName":"Ada","source":"%101"}""", "source" },
        { """{"firstName":"Ada","nextFollowUpNote":"%501"}""", "nextFollowUpNote" },
        { """{"firstName":"Ada","country":"Germany"}""", "country" },
        { """{"firstName":"Ada","country":"D1"}""", "country" },
        { """{"firstName":5}""", "firstName" },
        { """{"firstName":"Ada","doNotCall":null}""", "doNotCall" },
        { """{"firstName":"Ada","doNotCall":"yes"}""", "doNotCall" },
        { """{"firstName":"Ada","ownerId":"me"}""", "ownerId" },
        { """{"firstName":"Ada","emails":"one@example.com"}""", "emails" },
        { """{"firstName":"Ada",""", "body" },
        { """not json at all""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidContacts))]
    public async Task An_invalid_contact_is_400_naming_the_field(string json, string field)
    {
        using var rep = api.ClientFor("valid.create@contoso.com");

        var response = await rep.PostAsync("/api/contacts", HttpJson.Raw(json));

        await response.FieldErrorAsync(field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task A_missing_body_is_400_not_500(string json)
    {
        using var rep = api.ClientFor("valid.nobody@contoso.com");
        await (await rep.PostAsync("/api/contacts", HttpJson.Raw(json))).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_its_content_type_is_415()
    {
        using var rep = api.ClientFor("valid.plain@contoso.com");
        await (await rep.PostAsync("/api/contacts", HttpJson.Raw("""{"firstName":"Ada"}""", "text/plain"))).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_longest_allowed_values_are_accepted()
    {
        using var rep = api.ClientFor("valid.max@contoso.com");
        var created = await rep.CreateContactAsync(new
        {
            firstName = new string('f', 100),
            lastName = new string('l', 100),
            company = new string('c', 200),
            background = new string('b', 4000),
            email = Unique.Email(),
        });
        Assert.Equal(4000, created.Background!.Length);
    }

    [Fact]
    public async Task More_than_20_addresses_are_refused()
    {
        using var rep = api.ClientFor("valid.many@contoso.com");
        var emails = Enumerable.Range(0, 21).Select(i => Unique.Email($"a{i}")).ToArray();
        await (await rep.PostAsync("/api/contacts", HttpJson.Body(new { firstName = "Many", emails }))).FieldErrorAsync("emails");
    }

    [Fact]
    public async Task A_time_with_an_offset_is_stored_as_utc()
    {
        using var rep = api.ClientFor("valid.offset@contoso.com");

        var created = await rep.CreateContactAsync(new { firstName = "Zoe", nextFollowUpDue = "2026-12-01T09:00:00+02:00" });

        Assert.Equal(new DateTime(2026, 12, 1, 7, 0, 0, DateTimeKind.Utc), created.NextFollowUpDue);
        Assert.Equal(DateTimeKind.Utc, created.NextFollowUpDue!.Value.Kind);
        Assert.Contains("\"nextFollowUpDue\":\"2026-12-01T07:00:00Z\"", await rep.GetStringAsync($"/api/contacts/{created.Id}"));
    }

    [Fact]
    public async Task A_body_over_64_KB_is_413()
    {
        using var rep = api.ClientFor("valid.big@contoso.com");
        var json = $$"""{"firstName":"Big","background":"{{new string('b', 70 * 1024)}}"}""";

        var response = await rep.PostAsync("/api/contacts", HttpJson.Raw(json));

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    public static TheoryData<string, string> InvalidPatches => new()
    {
        { """{"email":"nope"}""", "email" },
        { """{"emails":["fine@example.com","bad@"]}""", "emails[1]" },
        { """{"stage":"hot"}""", "stage" },
        { """{"firstName":"%101"}""", "firstName" },
        { """{"nextFollowUpDue":"2026-12-01T09:00:00"}""", "nextFollowUpDue" },
        { """{"colour":"blue"}""", "colour" },
        { """{"doNotCall":null}""", "doNotCall" },
        { """{"firstName":null,"lastName":null,"email":null,"emails":null}""", "email" },
    };

    [Theory]
    [MemberData(nameof(InvalidPatches))]
    public async Task An_invalid_patch_is_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        using var rep = api.ClientFor("valid.patch@contoso.com");
        var contact = await rep.CreateLeadAsync(company: null);
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/contacts/{contact.Id}") { Content = HttpJson.Raw(json, "application/merge-patch+json") };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        var response = await rep.SendAsync(request);

        await response.FieldErrorAsync(field);
        HttpJson.SameJson(contact, await (await rep.GetAsync($"/api/contacts/{contact.Id}")).ReadAsync<ContactDto>());
    }

    [Fact]
    public async Task A_patch_that_is_not_a_json_object_is_400()
    {
        using var rep = api.ClientFor("valid.patcharray@contoso.com");
        var contact = await rep.CreateLeadAsync();
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/contacts/{contact.Id}") { Content = HttpJson.Raw("[1,2]", "application/merge-patch+json") };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        var response = await rep.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/contacts/abc")]
    [InlineData("/api/contacts/99999999999999")]
    public async Task A_contact_id_that_is_not_an_int_is_not_a_route(string url)
    {
        using var rep = api.ClientFor("valid.route@contoso.com");
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync(url)).StatusCode);
    }
}
