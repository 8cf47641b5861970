using System.Net;
using System.Text.Json;
using LeadMail.Api.Assignment;
using LeadMail.Api.Contacts;
using LeadMail.Api.Reps;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Web;

/// <summary>
/// Simultaneous requests writing the same unique key (a group's name, a rep's email, a touch's
/// idempotency key, a contact's one open follow-up), run for real: parallel HTTP through the test
/// server on one SQLite file. None may be a 500, and exactly one row is left, as one of them wrote it.
/// </summary>
public sealed class UpsertRaceTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    private const int Racers = 20;

    [Fact]
    public async Task Twenty_puts_creating_one_new_group_leave_one_group_with_one_requests_members()
    {
        using var manager = api.ManagerClient("race.groups@contoso.com");
        var reps = await AddRepsAsync(manager, "race.group", 4);
        var name = Unique.Token("Team ");
        var memberships = Enumerable.Range(0, Racers).Select(i => new List<int> { reps[i % 4], reps[(i + 1) % 4] }).ToList();

        var responses = await RaceAsync(i => manager.PutAsync($"/api/rep-groups/{Uri.EscapeDataString(name)}", HttpJson.Body(new { repIds = memberships[i] })));

        await AssertOkOrConflictAsync(responses, HttpStatusCode.OK);
        var groups = await (await manager.GetAsync("/api/rep-groups")).ReadAsync<List<RepGroupDto>>();
        var group = Assert.Single(groups, g => g.Name == name);
        Assert.Contains(memberships, m => m.SequenceEqual(group.RepIds));
        Assert.Equal(group.RepIds.Count, await CountAsync(db => db.RepGroupMembers.CountAsync(m => m.RepGroupId == group.Id)));
    }

    [Fact]
    public async Task Twenty_puts_replacing_one_group_leave_it_with_one_requests_members()
    {
        using var manager = api.ManagerClient("race.regroup@contoso.com");
        var reps = await AddRepsAsync(manager, "race.regroup", 5);
        var name = Unique.Token("Regroup ");
        await (await manager.PutAsync($"/api/rep-groups/{name}", HttpJson.Body(new { repIds = new[] { reps[0] } }))).ExpectAsync(HttpStatusCode.OK);
        var memberships = Enumerable.Range(0, Racers).Select(i => new List<int> { reps[1 + i % 4], reps[1 + (i + 2) % 4] }).ToList();

        var responses = await RaceAsync(i => manager.PutAsync($"/api/rep-groups/{name}", HttpJson.Body(new { repIds = memberships[i] })));

        await AssertOkOrConflictAsync(responses, HttpStatusCode.OK);
        var group = Assert.Single(await (await manager.GetAsync("/api/rep-groups")).ReadAsync<List<RepGroupDto>>(), g => g.Name == name);
        Assert.Contains(memberships, m => m.SequenceEqual(group.RepIds));
        Assert.Equal(group.RepIds.Count, await CountAsync(db => db.RepGroupMembers.CountAsync(m => m.RepGroupId == group.Id)));
    }

    [Fact]
    public async Task Twenty_posts_adding_one_rep_by_email_make_one_rep_and_409s()
    {
        using var manager = api.ManagerClient("race.reps@contoso.com");
        var email = Unique.Email("newrep", "contoso.com");

        var responses = await RaceAsync(i => manager.PostAsync("/api/reps", HttpJson.Body(new { email, displayName = $"New Rep {i}" })));

        await AssertOkOrConflictAsync(responses, HttpStatusCode.Created);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await CountAsync(db => db.Reps.CountAsync(r => r.Email == email)));
    }

    [Fact]
    public async Task Twenty_posts_of_one_touch_with_one_idempotency_key_log_it_once()
    {
        using var rep = api.ClientFor("race.touch@contoso.com");
        var contact = await rep.CreateLeadAsync();
        var key = Unique.Token("call-");

        var responses = await RaceAsync(_ => rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions",
            new { channel = "call", direction = "outbound", outcome = "noAnswer" }, key));

        await AssertOkOrConflictAsync(responses, HttpStatusCode.Created, HttpStatusCode.OK);
        var touches = await rep.ListInteractionsAsync(contact.Id);
        Assert.Single(touches.Items);
        Assert.Equal(1, (await (await rep.GetAsync($"/api/contacts/{contact.Id}")).ReadAsync<ContactDto>()).TouchesTotal);
    }

    [Fact]
    public async Task Twenty_puts_of_a_contacts_follow_up_leave_one_open_follow_up()
    {
        using var rep = api.ClientFor("race.followup@contoso.com");
        var contact = await rep.CreateLeadAsync();
        var dues = Enumerable.Range(0, Racers).Select(i => api.Clock.UtcNow.AddDays(1 + i)).ToList();

        var responses = await RaceAsync(i => rep.PutAsync($"/api/contacts/{contact.Id}/follow-up", HttpJson.Body(new { dueAt = dues[i], note = $"call {i}" })));

        // The contact's version guards this write: a request that lost the race is told the contact changed (412).
        await AssertOkOrConflictAsync(responses, [HttpStatusCode.OK], HttpStatusCode.PreconditionFailed);
        var open = await CountAsync(db => db.FollowUps.CountAsync(f => f.ContactId == contact.Id && f.CompletedAt == null && f.ClosedAt == null));
        Assert.Equal(1, open);
        var after = await (await rep.GetAsync($"/api/contacts/{contact.Id}")).ReadAsync<ContactDto>();
        Assert.Contains(after.NextFollowUpDue!.Value, dues);
    }

    /// <summary>Starts every request before awaiting any, so they reach the server together.</summary>
    private static async Task<HttpResponseMessage[]> RaceAsync(Func<int, Task<HttpResponseMessage>> request)
    {
        using var start = new SemaphoreSlim(0);
        var racers = Enumerable.Range(0, Racers).Select(async i =>
        {
            await start.WaitAsync();
            return await request(i);
        }).ToList();
        start.Release(Racers);
        return await Task.WhenAll(racers);
    }

    private static Task AssertOkOrConflictAsync(HttpResponseMessage[] responses, params HttpStatusCode[] success) =>
        AssertOkOrConflictAsync(responses, success, HttpStatusCode.Conflict);

    /// <summary>At least one request succeeded; the rest succeeded too or were a clear ProblemDetails saying why not.</summary>
    private static async Task AssertOkOrConflictAsync(HttpResponseMessage[] responses, HttpStatusCode[] success, HttpStatusCode conflict)
    {
        foreach (var response in responses)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(success.Contains(response.StatusCode) || response.StatusCode == conflict,
                $"Expected {string.Join(" or ", success.Select(s => (int)s))} or {(int)conflict} but got {(int)response.StatusCode}: {body}");
            if (response.StatusCode == conflict)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()), body);
            }
        }
        Assert.Contains(responses, r => success.Contains(r.StatusCode));
    }

    private static async Task<List<int>> AddRepsAsync(HttpClient manager, string prefix, int count)
    {
        var ids = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var rep = await (await manager.PostAsync("/api/reps", HttpJson.Body(new { email = Unique.Email(prefix, "contoso.com"), displayName = $"{prefix} {i}" })))
                .ReadAsync<RepDto>(HttpStatusCode.Created);
            ids.Add(rep.Id);
        }
        return ids;
    }

    private Task<int> CountAsync(Func<LeadMailDb, Task<int>> count) =>
        api.InScopeAsync(sp => count(sp.GetRequiredService<LeadMailDb>()));
}
