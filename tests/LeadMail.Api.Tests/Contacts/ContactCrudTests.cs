using System.Net;
using LeadMail.Api.Contacts;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Contacts;

public sealed class ContactCrudTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task Create_answers_201_with_location_etag_and_the_contact_normalised()
    {
        using var rep = api.ClientFor("crud.alice@contoso.com");
        var me = await rep.MeAsync();
        var address = Unique.Email("Ada");

        var response = await rep.PostAsync("/api/contacts", HttpJson.Body(new
        {
            firstName = "Ada",
            lastName = "Lovelace",
            email = "  " + address.ToUpperInvariant() + " ",
            emails = new[] { "ada.backup@example.org" },
            company = "Analytical Engines",
            country = "gb",
            source = "Web fair 2026",
            interest = "Engines",
            stage = "marketingQualified",
            doNotCall = true,
        }));

        var created = await response.ReadAsync<ContactDto>(HttpStatusCode.Created);
        Assert.Equal($"/api/contacts/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal(address.ToLowerInvariant(), created.Email);
        Assert.Equal([address.ToLowerInvariant(), "ada.backup@example.org"], created.Emails);
        Assert.Equal("Ada Lovelace", created.DisplayName);
        Assert.Equal("GB", created.Country);
        Assert.Equal(Stage.MarketingQualified, created.Stage);
        Assert.True(created.DoNotCall);
        Assert.Equal(me.Id, created.OwnerId);
        Assert.Equal(api.Clock.UtcNow, created.CreatedAt);

        var fetched = await rep.GetAsync(response.Headers.Location);
        Assert.Equal("\"1\"", fetched.ETag());
        HttpJson.SameJson(created, await fetched.ReadAsync<ContactDto>());
    }

    [Theory]
    [InlineData("", "", null, "{email}")]
    [InlineData("  ", null, "Analytical Engines", "Analytical Engines")]
    [InlineData("", "Lovelace", null, "Lovelace")]
    [InlineData(" Ada ", "  ", null, "Ada")]
    public async Task Blank_names_are_stored_as_absent_and_never_make_a_blank_display_name(string? firstName, string? lastName, string? company, string expected)
    {
        using var rep = api.ClientFor("crud.blank@contoso.com");
        var email = Unique.Email("blank");

        var created = await rep.CreateContactAsync(new { firstName, lastName, company, email });

        Assert.Equal(expected.Replace("{email}", email), created.DisplayName);
        Assert.Equal(string.IsNullOrWhiteSpace(firstName) ? null : firstName.Trim(), created.FirstName);
        Assert.Equal(string.IsNullOrWhiteSpace(lastName) ? null : lastName.Trim(), created.LastName);
    }

    [Fact]
    public async Task Contact_json_uses_the_contract_names_and_camel_case_enums()
    {
        using var rep = api.ClientFor("crud.json@contoso.com");
        var created = await rep.CreateLeadAsync(stage: "salesQualified");

        var json = await rep.GetStringAsync($"/api/contacts/{created.Id}");

        foreach (var field in new[] { "\"id\":", "\"firstName\":", "\"lastName\":", "\"email\":", "\"emails\":", "\"company\":", "\"source\":",
                     "\"interest\":", "\"ownerId\":", "\"doNotCall\":", "\"doNotEmail\":", "\"unsubscribed\":" })
            Assert.Contains(field, json);
        Assert.Contains("\"stage\":\"salesQualified\"", json);
        Assert.Contains("\"createdAt\":\"" + api.Clock.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss") + "Z\"", json);
    }

    [Fact]
    public async Task A_manager_creates_an_unassigned_lead_and_can_assign_it_to_a_rep()
    {
        using var rep = api.ClientFor("crud.owner@contoso.com");
        var owner = await rep.MeAsync();
        using var manager = api.ManagerClient();

        var queued = await manager.CreateLeadAsync();
        var assigned = await manager.CreateLeadAsync(ownerId: owner.Id);

        Assert.Null(queued.OwnerId);
        Assert.Equal(owner.Id, assigned.OwnerId);
        Assert.Equal(owner.DisplayName, assigned.OwnerName);
    }

    [Fact]
    public async Task Get_of_an_unknown_contact_is_404_problem()
    {
        using var rep = api.ClientFor("crud.missing@contoso.com");
        await (await rep.GetAsync("/api/contacts/999999")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_merges_the_fields_sent_and_moves_the_etag()
    {
        using var rep = api.ClientFor("crud.patch@contoso.com");
        var created = await rep.CreateLeadAsync(source: "Referral", company: "Before Ltd");

        var response = await rep.PatchJsonAsync($"/api/contacts/{created.Id}",
            new { company = "After GmbH", nextFollowUpNote = (string?)null, doNotEmail = true }, ifMatch: "\"1\"");

        var patched = await response.ReadAsync<ContactDto>();
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal(2, patched.Version);
        Assert.Equal("After GmbH", patched.Company);
        Assert.True(patched.DoNotEmail);
        // Fields the patch did not name keep their values.
        Assert.Equal("Referral", patched.Source);
        Assert.Equal(created.Email, patched.Email);
        Assert.Equal(created.FirstName, patched.FirstName);
        Assert.Equal(created.CreatedAt, patched.CreatedAt);

        var reread = await (await rep.GetAsync($"/api/contacts/{created.Id}")).ReadAsync<ContactDto>();
        HttpJson.SameJson(patched, reread);
    }

    [Fact]
    public async Task Patch_with_null_clears_a_field()
    {
        using var rep = api.ClientFor("crud.clear@contoso.com");
        var created = await rep.CreateLeadAsync(company: "Gone Ltd");

        var patched = await (await rep.PatchJsonAsync($"/api/contacts/{created.Id}", new { company = (string?)null }, "\"1\"")).ReadAsync<ContactDto>();

        Assert.Null(patched.Company);
    }

    [Fact]
    public async Task Patch_without_if_match_is_428()
    {
        using var rep = api.ClientFor("crud.428@contoso.com");
        var created = await rep.CreateLeadAsync();

        await (await rep.PatchJsonAsync($"/api/contacts/{created.Id}", new { company = "X" })).ProblemAsync(HttpStatusCode.PreconditionRequired);

        var unchanged = await (await rep.GetAsync($"/api/contacts/{created.Id}")).ReadAsync<ContactDto>();
        Assert.Null(unchanged.Company);
        Assert.Equal(1, unchanged.Version);
    }

    [Fact]
    public async Task Patch_with_a_stale_etag_is_412_and_changes_nothing()
    {
        using var alice = api.ClientFor("crud.412a@contoso.com");
        var created = await alice.CreateLeadAsync();
        var first = await alice.PatchJsonAsync($"/api/contacts/{created.Id}", new { company = "First Writer" }, "\"1\"");
        await first.ExpectAsync(HttpStatusCode.OK);

        // A second edit made from the same stale read must not overwrite the first.
        var stale = await alice.PatchJsonAsync($"/api/contacts/{created.Id}", new { company = "Second Writer" }, "\"1\"");

        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        var current = await (await alice.GetAsync($"/api/contacts/{created.Id}")).ReadAsync<ContactDto>();
        Assert.Equal("First Writer", current.Company);
        Assert.Equal(2, current.Version);
    }

    [Fact]
    public async Task Two_patches_racing_on_one_etag_cannot_both_win()
    {
        using var alice = api.ClientFor("crud.race@contoso.com");
        var created = await alice.CreateLeadAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            alice.PatchJsonAsync($"/api/contacts/{created.Id}", new { company = $"Writer {i}" }, "\"1\"")));

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r != winner), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        var written = await winner.ReadAsync<ContactDto>();
        var current = await (await alice.GetAsync($"/api/contacts/{created.Id}")).ReadAsync<ContactDto>();
        Assert.Equal((written.Company, 2), (current.Company, current.Version));
    }

    [Fact]
    public async Task Patch_with_the_wildcard_etag_applies()
    {
        using var rep = api.ClientFor("crud.star@contoso.com");
        var created = await rep.CreateLeadAsync();

        await (await rep.PatchJsonAsync($"/api/contacts/{created.Id}", new { city = "Leeds" }, "*")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Patch_of_the_primary_address_keeps_the_others()
    {
        using var rep = api.ClientFor("crud.primary@contoso.com");
        var created = await rep.CreateContactAsync(new { firstName = "Ada", email = Unique.Email("old"), emails = new[] { Unique.Email("second") } });
        var replacement = Unique.Email("new");

        var patched = await (await rep.PatchJsonAsync($"/api/contacts/{created.Id}", new { email = replacement }, "\"1\"")).ReadAsync<ContactDto>();

        Assert.Equal(replacement, patched.Email);
        Assert.Equal(replacement, patched.Emails[0]);
        Assert.Equal(created.Emails.Order(), patched.Emails.Skip(1).Order());
        Assert.Equal(created.Id, (await rep.LookupAsync(replacement)).Contact.Id);
    }

    [Fact]
    public async Task Patch_taking_another_contacts_address_is_409()
    {
        using var rep = api.ClientFor("crud.409@contoso.com");
        var first = await rep.CreateLeadAsync();
        var second = await rep.CreateLeadAsync();

        var response = await rep.PatchJsonAsync($"/api/contacts/{second.Id}", new { email = first.Email!.ToUpperInvariant() }, "\"1\"");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("email", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Create_with_an_address_another_contact_has_is_409()
    {
        using var rep = api.ClientFor("crud.dup@contoso.com");
        var first = await rep.CreateLeadAsync();

        var response = await rep.PostAsync("/api/contacts", HttpJson.Body(new { firstName = "Twin", email = " " + first.Email!.ToUpperInvariant() }));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("email", problem.GetProperty("field").GetString());
        Assert.Equal(first.Id, problem.GetProperty("contactId").GetInt32());
    }

    [Fact]
    public async Task Racing_creates_of_one_address_make_one_contact_and_409s()
    {
        using var rep = api.ClientFor("crud.racecreate@contoso.com");
        var address = Unique.Email("contested");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            rep.PostAsync("/api/contacts", HttpJson.Body(new { firstName = $"Racer {i}", email = address }))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Racing_patches_giving_one_address_to_several_contacts_give_it_to_one()
    {
        using var rep = api.ClientFor("crud.racepatch@contoso.com");
        var contacts = new List<ContactDto>();
        for (var i = 0; i < 4; i++) contacts.Add(await rep.CreateLeadAsync());
        var address = Unique.Email("contested");

        var responses = await Task.WhenAll(contacts.Select(c =>
            rep.PatchJsonAsync($"/api/contacts/{c.Id}", new { emails = new[] { c.Email, address } }, "\"1\"")));

        var statuses = responses.Select(r => (int)r.StatusCode).Order().ToList();
        Assert.Equal([200, 409, 409, 409], statuses);
    }

    [Fact]
    public async Task Delete_by_a_manager_forgets_the_contact_its_addresses_and_its_touches()
    {
        using var rep = api.ClientFor("crud.delete@contoso.com");
        var me = await rep.MeAsync();
        var doomed = await rep.CreateLeadAsync();
        var kept = await rep.CreateLeadAsync();
        foreach (var contact in new[] { doomed, kept })
        {
            await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "met at the fair" }))
                .ExpectAsync(HttpStatusCode.Created);
        }
        await api.RecordTouchesAsync(new Touch(doomed.Id, me.Id, Channel.Email, Direction.Inbound, api.Clock.UtcNow.AddHours(-1),
            TouchKey.ForMail($"<{Guid.NewGuid():N}@example.com>", Direction.Inbound), Origin.Sync, Subject: "Re: offer"));
        using var manager = api.ManagerClient();

        var response = await manager.DeleteAsync($"/api/contacts/{doomed.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await manager.GetAsync($"/api/contacts/{doomed.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await manager.GetAsync(ApiCalls.LookupUrl(doomed.Email!))).ProblemAsync(HttpStatusCode.NotFound);
        await (await manager.GetAsync($"/api/contacts/{doomed.Id}/interactions")).ProblemAsync(HttpStatusCode.NotFound);
        var left = await api.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LeadMailDb>();
            return (Touches: await db.Interactions.CountAsync(i => i.ContactId == doomed.Id),
                Emails: await db.ContactEmails.CountAsync(e => e.ContactId == doomed.Id),
                KeptTouches: await db.Interactions.CountAsync(i => i.ContactId == kept.Id));
        });
        Assert.Equal((0, 0, 1), left);
        // The address is free again: the person can be added afresh.
        await rep.CreateLeadAsync(email: doomed.Email);
    }

    [Fact]
    public async Task Delete_by_a_rep_is_403_and_the_contact_stays()
    {
        using var rep = api.ClientFor("crud.nodelete@contoso.com");
        var contact = await rep.CreateLeadAsync();

        var response = await rep.DeleteAsync($"/api/contacts/{contact.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await (await rep.GetAsync($"/api/contacts/{contact.Id}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_of_an_unknown_contact_is_404()
    {
        using var manager = api.ManagerClient();
        await (await manager.DeleteAsync("/api/contacts/987654")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
