using System.Net;
using System.Text.Json;
using LeadMail.Api.Contacts;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Hardening;

/// <summary>
/// Control characters and bidi controls never reach CSV or the pane: single-line fields refuse them all,
/// multi-line fields (notes, background, reasons) keep tab and line breaks but refuse the rest.
/// </summary>
public sealed class ControlCharacterTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    /// <summary>NUL, other C0 controls, DEL-adjacent C1, the bidi embeddings/overrides and the bidi isolates.</summary>
    public static TheoryData<string> Hostile => new()
    {
        "\u0000", "\u0001", "\t", "\n", "\r", "\u001b", "\u001f", "\u007f", "\u0085", "\u2028", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
        "\u2066", "\u2067", "\u2068", "\u2069",
    };

    private static readonly string[] SingleLineContactFields =
        ["firstName", "lastName", "company", "title", "phone", "mobilePhone", "street", "city", "postalCode", "region", "source", "interest", "nextFollowUpNote"];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Single_line_contact_fields_refuse_control_and_bidi_characters_on_create(string character)
    {
        using var rep = api.ClientFor("ctrl.create@contoso.com");
        foreach (var field in SingleLineContactFields)
        {
            var body = new Dictionary<string, object?> { ["email"] = Unique.Email(), ["lastName"] = "Lovelace", [field] = $"Ada{character}x" };

            var messages = await (await rep.PostAsync("/api/contacts", HttpJson.Body(body))).FieldErrorAsync(field);

            Assert.Contains(messages, m => m.Contains(field));
        }
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Single_line_fields_refuse_control_and_bidi_characters_in_a_merge_patch(string character)
    {
        using var rep = api.ClientFor("ctrl.patch@contoso.com");
        var contact = await rep.CreateLeadAsync();
        var before = await (await rep.GetAsync($"/api/contacts/{contact.Id}")).Content.ReadAsStringAsync();

        foreach (var field in new[] { "firstName", "company", "city" })
        {
            var response = await rep.PatchJsonAsync($"/api/contacts/{contact.Id}", new Dictionary<string, string> { [field] = $"x{character}" }, "*");
            await response.FieldErrorAsync(field);
        }

        Assert.Equal(before, await (await rep.GetAsync($"/api/contacts/{contact.Id}")).Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_rep_display_name_refuses_control_and_bidi_characters(string character)
    {
        using var manager = api.ManagerClient("ctrl.manager@contoso.com");

        var response = await manager.PostJsonAsync("/api/reps", new { email = Unique.Email("rep"), displayName = $"Eve{character}lyn" });

        await response.FieldErrorAsync("displayName");
    }

    [Theory]
    [InlineData("\t")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Multi_line_fields_keep_tabs_and_line_breaks(string separator)
    {
        using var rep = api.ClientFor("ctrl.multi@contoso.com");
        var contact = await rep.CreateContactAsync(new { email = Unique.Email(), firstName = "Ada", background = $"Met at the fair{separator}Wants a demo" });
        Assert.Equal($"Met at the fair{separator}Wants a demo", contact.Background);

        var touch = await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = $"one{separator}two" });
        await touch.ExpectAsync(HttpStatusCode.Created);

        var moved = await rep.PostJsonAsync($"/api/contacts/{contact.Id}/stage", new { stage = "lost", reason = $"Budget{separator}cut" });
        await moved.ExpectAsync(HttpStatusCode.OK);
    }

    public static TheoryData<string> HostileInMultiLine => new() { "\u0000", "\u0007", "\u001b", "\u0085", "\u202e", "\u2066", "\u2069" };

    [Theory]
    [MemberData(nameof(HostileInMultiLine))]
    public async Task Multi_line_fields_refuse_the_other_controls_and_bidi_characters(string character)
    {
        using var rep = api.ClientFor("ctrl.multibad@contoso.com");
        var email = Unique.Email();

        await (await rep.PostJsonAsync("/api/contacts", new { email, firstName = "Ada", background = $"a{character}b" })).FieldErrorAsync("background");
        await (await rep.GetAsync(ApiCalls.LookupUrl(email))).ExpectAsync(HttpStatusCode.NotFound);

        var contact = await rep.CreateLeadAsync();
        await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = $"a{character}b" })).FieldErrorAsync("notes");
        await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/stage", new { stage = "lost", reason = $"a{character}b" })).FieldErrorAsync("reason");
        Assert.Empty((await rep.ListInteractionsAsync(contact.Id)).Items);
    }

    [Fact]
    public async Task Text_fields_of_every_other_body_refuse_control_characters()
    {
        using var manager = api.ManagerClient("ctrl.everywhere@contoso.com");
        var contact = await manager.CreateLeadAsync();
        var id = contact.Id;
        var cases = new (HttpMethod Method, string Url, object Body, string Field)[]
        {
            (HttpMethod.Put, $"/api/contacts/{id}/follow-up", new { dueAt = "2030-01-01T09:00:00Z", note = "call\u0000back" }, "note"),
            (HttpMethod.Post, $"/api/contacts/{id}/assign", new { route = true, reason = "x\u202ey" }, "reason"),
            (HttpMethod.Post, "/api/assignment-rules", new { name = "Rule\u2066", repId = 1 }, "name"),
            (HttpMethod.Post, "/api/assignment-rules", new { name = "Rule", source = "fair\n", repId = 1 }, "source"),
            (HttpMethod.Post, $"/api/contacts/{id}/interactions", new { channel = "call", outcome = "connected", subject = "a\nb" }, "subject"),
            (HttpMethod.Post, $"/api/contacts/{id}/interactions", new { channel = "note", notes = "n", idempotencyKey = "k\u0001" }, "idempotencyKey"),
            (HttpMethod.Post, "/api/contacts", new { firstName = "Ada", emails = new[] { "a\u0000@example.com" } }, "emails[0]"),
        };
        foreach (var (method, url, body, field) in cases)
        {
            var response = await manager.SendAsync(new HttpRequestMessage(method, url) { Content = HttpJson.Body(body) });
            await response.FieldErrorAsync(field);
        }

        var after = await (await manager.GetAsync($"/api/contacts/{id}")).ReadAsync<ContactDto>();
        Assert.Equal(JsonSerializer.Serialize(contact with { FrequencyCap = null }), JsonSerializer.Serialize(after with { FrequencyCap = null }));
        Assert.Empty(await (await manager.GetAsync("/api/assignment-rules")).ReadAsync<List<JsonElement>>());
    }
}
