using System.Net;
using System.Text.Json;
using LeadMail.Api.Contacts;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Api.Web;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Contacts;

/// <summary>Who may merge which leads, what the answer is, and what is recorded; the equivalence itself is in the workflow tests.</summary>
public sealed class MergeTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task A_rep_merges_their_lead_and_an_unassigned_one_and_the_duplicate_is_gone_but_its_address_finds_the_survivor()
    {
        using var rep = api.ClientFor("merge.own@contoso.com");
        using var manager = api.ManagerClient();
        var me = await rep.MeAsync();
        var survivor = await rep.CreateLeadAsync(ownerId: me.Id, company: null);
        var duplicateEmail = Unique.Email("dup");
        var duplicate = await manager.CreateLeadAsync(email: duplicateEmail, company: "Analytical Engines");
        Assert.Null(duplicate.OwnerId);
        await api.RecordTouchesAsync(new Touch(duplicate.Id, me.Id, Channel.Email, Direction.Inbound, api.Clock.UtcNow.AddDays(-1), $"mail:<{Guid.NewGuid():N}@x>", Origin.Sync));

        var response = await Merge(rep, survivor.Id, new { duplicateId = duplicate.Id });

        var merged = await response.ReadAsync<ContactDto>();
        Assert.Equal((survivor.Id, "Analytical Engines", 1, me.Id), (merged.Id, merged.Company, merged.TouchesTotal, merged.OwnerId));
        Assert.Contains(duplicateEmail.ToLowerInvariant(), merged.Emails);
        Assert.Equal(ContactEndpoints.ETagOf(merged.Version), response.ETag());
        Assert.True(merged.Version > survivor.Version);
        // The answer is the contact as GET shows it.
        Assert.Equal(await (await rep.GetAsync($"/api/contacts/{survivor.Id}")).Content.ReadAsStringAsync(), JsonSerializer.Serialize(merged, ApiJson.Options));
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/api/contacts/{duplicate.Id}")).StatusCode);
        Assert.Equal(survivor.Id, (await rep.LookupAsync(duplicateEmail)).Contact.Id);
        // Merging it again: it is gone.
        Assert.Equal(HttpStatusCode.NotFound, (await Merge(rep, survivor.Id, new { duplicateId = duplicate.Id })).StatusCode);
    }

    [Fact]
    public async Task A_rep_may_not_merge_a_colleagues_lead_either_way_and_nothing_changes()
    {
        using var rep = api.ClientFor("merge.rep@contoso.com");
        using var colleague = api.ClientFor("merge.colleague@contoso.com");
        var mine = await rep.CreateLeadAsync(ownerId: (await rep.MeAsync()).Id);
        var theirs = await colleague.CreateLeadAsync(ownerId: (await colleague.MeAsync()).Id);

        Assert.Equal(HttpStatusCode.NotFound, (await Merge(rep, mine.Id, new { duplicateId = theirs.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Merge(rep, theirs.Id, new { duplicateId = mine.Id })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync($"/api/contacts/{theirs.Id}")).StatusCode);
        Assert.Equal(mine.Version, (await (await rep.GetAsync($"/api/contacts/{mine.Id}")).ReadAsync<ContactDto>()).Version);
        Assert.Equal(0, await api.InScopeAsync(sp => sp.GetRequiredService<LeadMailDb>().ContactMerges.CountAsync(m => m.SurvivorId == mine.Id || m.SurvivorId == theirs.Id)));

        // A manager sees both, so may merge them.
        using var manager = api.ManagerClient();
        Assert.Equal(HttpStatusCode.OK, (await Merge(manager, mine.Id, new { duplicateId = theirs.Id })).StatusCode);
    }

    [Fact]
    public async Task Merging_a_lead_into_itself_or_naming_no_duplicate_is_400_naming_duplicateId()
    {
        using var rep = api.ClientFor("merge.self@contoso.com");
        var lead = await rep.CreateLeadAsync();

        foreach (var body in new object[] { new { duplicateId = lead.Id }, new { } })
        {
            var response = await Merge(rep, lead.Id, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("duplicateId", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync($"/api/contacts/{lead.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_stale_If_Match_on_the_survivor_is_412_and_merges_nothing_while_the_current_one_merges()
    {
        using var rep = api.ClientFor("merge.etag@contoso.com");
        var survivor = await rep.CreateLeadAsync();
        var duplicate = await rep.CreateLeadAsync();
        var stale = ContactEndpoints.ETagOf(survivor.Version);
        await (await rep.PatchJsonAsync($"/api/contacts/{survivor.Id}", new { title = "CTO" }, stale)).ReadAsync<ContactDto>();

        var refused = await Merge(rep, survivor.Id, new { duplicateId = duplicate.Id }, stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync($"/api/contacts/{duplicate.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Merge(rep, survivor.Id, new { duplicateId = duplicate.Id }, ContactEndpoints.ETagOf(survivor.Version + 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/api/contacts/{duplicate.Id}")).StatusCode);
    }

    [Fact]
    public async Task Two_merges_of_one_duplicate_at_once_merge_it_once()
    {
        using var manager = api.ManagerClient();
        var duplicate = await manager.CreateLeadAsync();
        var first = await manager.CreateLeadAsync();
        var second = await manager.CreateLeadAsync();
        await api.RecordTouchesAsync(new Touch(duplicate.Id, null, Channel.Email, Direction.Outbound, api.Clock.UtcNow.AddHours(-2), "mail:<race@x>", Origin.Sync));

        var answers = await Task.WhenAll(
            Merge(manager, first.Id, new { duplicateId = duplicate.Id }),
            Merge(manager, second.Id, new { duplicateId = duplicate.Id }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict);
        var touches = await api.InScopeAsync(sp => sp.GetRequiredService<LeadMailDb>().Interactions
            .Where(i => i.ContactId == first.Id || i.ContactId == second.Id || i.ContactId == duplicate.Id).Select(i => i.ContactId).ToListAsync());
        Assert.Single(touches);
    }

    [Fact]
    public async Task Managers_read_who_merged_what_and_forgetting_the_survivor_takes_the_record_and_its_copies()
    {
        using var rep = api.ClientFor("merge.audit@contoso.com");
        using var manager = api.ManagerClient();
        var me = await rep.MeAsync();
        var survivor = await rep.CreateLeadAsync(ownerId: me.Id, company: null);
        var duplicateEmail = Unique.Email("audit");
        var duplicate = await rep.CreateLeadAsync(email: duplicateEmail, ownerId: me.Id, firstName: "Augusta", lastName: "King", company: "Engines Ltd");
        await (await rep.PostAsync($"/api/contacts/{duplicate.Id}/interactions", HttpJson.Body(new { channel = "note", notes = "met at the fair" })))
            .ReadAsync<object>(HttpStatusCode.Created);
        await (await Merge(rep, survivor.Id, new { duplicateId = duplicate.Id })).ReadAsync<ContactDto>();

        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync("/api/contact-merges")).StatusCode);
        var page = await (await manager.GetAsync($"/api/contact-merges?contactId={survivor.Id}")).ReadAsync<Page<ContactMergeDto>>();
        var record = Assert.Single(page.Items);
        Assert.Equal((survivor.Id, duplicate.Id, me.Id, api.Clock.UtcNow, "Augusta King", 1, 1),
            (record.SurvivorId, record.DuplicateId, record.ByRepId, record.At, record.DuplicateName, record.AddressesMoved, record.TouchesMoved));
        Assert.Equal([duplicateEmail.ToLowerInvariant()], record.DuplicateEmails);
        Assert.Contains("Company", record.FilledFields);
        Assert.True(record.StageChangesMoved >= 1 && record.AssignmentsMoved >= 1);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/contacts/{survivor.Id}")).StatusCode);
        Assert.Empty((await (await manager.GetAsync($"/api/contact-merges?contactId={survivor.Id}")).ReadAsync<Page<ContactMergeDto>>()).Items);
        var copies = await api.InScopeAsync(sp => sp.GetRequiredService<LeadMailDb>().ContactMerges
            .CountAsync(m => m.DuplicateId == duplicate.Id || m.DuplicateEmails!.Contains(duplicateEmail.ToLowerInvariant())));
        Assert.Equal(0, copies);
    }

    private static Task<HttpResponseMessage> Merge(HttpClient client, int survivorId, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/contacts/{survivorId}/merge") { Content = HttpJson.Body(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
