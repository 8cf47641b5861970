using System.Net;
using System.Text.Json;
using LeadMail.Api.Contacts;
using LeadMail.Api.FollowUps;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.FollowUps;

/// <summary>
/// "Mark done": the rep kept the promise in a way nothing logged. The follow-up is recorded as kept, on time
/// or late, so the follow-ups report counts it done; withdrawing it stays a different thing.
/// </summary>
public sealed class CompleteFollowUpTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    private static string Rep() => Unique.Email("rep", "contoso.com");

    private static Task<HttpResponseMessage> SetFollowUpAsync(HttpClient client, int contactId, DateTime dueAt, string? note = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/contacts/{contactId}/follow-up") { Content = HttpJson.Body(new { dueAt, note }) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> CompleteAsync(HttpClient client, int contactId, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/contacts/{contactId}/follow-up/complete");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    /// <summary>The rep's own follow-ups report over the days around now (UTC days, the API's clock).</summary>
    private async Task<JsonElement> FollowUpsReportAsync(HttpClient client)
    {
        var today = DateOnly.FromDateTime(api.Clock.UtcNow);
        var url = $"/api/reports/follow-ups?from={today.AddDays(-10):yyyy-MM-dd}&to={today.AddDays(10):yyyy-MM-dd}&tz=UTC";
        var text = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.GetProperty("data").GetProperty("total").Clone();
    }

    [Fact]
    public async Task Marking_the_follow_up_done_records_it_kept_and_the_report_counts_it_done_on_time_not_withdrawn()
    {
        using var rep = api.ClientFor(Rep());
        var me = await rep.MeAsync();
        var kept = await rep.CreateLeadAsync();
        var withdrawn = await rep.CreateLeadAsync();
        Assert.Equal(me.Id, kept.OwnerId);
        var due = api.Clock.UtcNow.AddDays(1);
        await (await SetFollowUpAsync(rep, kept.Id, due, "Send the pilot offer")).ExpectAsync(HttpStatusCode.OK);
        await (await SetFollowUpAsync(rep, withdrawn.Id, due)).ExpectAsync(HttpStatusCode.OK);

        var response = await CompleteAsync(rep, kept.Id);
        var state = await response.ReadAsync<FollowUpStateDto>();
        await (await rep.DeleteAsync($"/api/contacts/{withdrawn.Id}/follow-up")).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(kept.Id, state.ContactId);
        Assert.Null(state.NextFollowUpDue);
        Assert.Null(state.NextFollowUpNote);
        Assert.Equal(api.Clock.UtcNow, state.Completed.CompletedAt);
        Assert.Equal(me.Id, state.Completed.CompletedByRepId);
        Assert.Null(state.Completed.ClosedAt);
        Assert.False(state.Completed.Open);
        Assert.Equal("Send the pilot offer", state.Completed.Note);
        // The contact's ETag moved with its follow-up, and the contact shows none.
        var contact = await (await rep.GetAsync($"/api/contacts/{kept.Id}")).ReadAsync<ContactDto>();
        Assert.Equal(state.Version, contact.Version);
        Assert.Equal(ContactEndpoints.ETagOf(contact.Version), response.ETag());
        Assert.Null(contact.NextFollowUpDue);
        var history = await (await rep.GetAsync($"/api/contacts/{kept.Id}/follow-ups")).ReadAsync<List<FollowUpDto>>();
        Assert.Equal(state.Completed.Id, Assert.Single(history).Id);

        var report = await FollowUpsReportAsync(rep);
        Assert.Equal(1, report.GetProperty("doneOnTime").GetInt32());
        Assert.Equal(0, report.GetProperty("doneLate").GetInt32());
        Assert.Equal(1, report.GetProperty("due").GetInt32());
        // Only the one withdrawn with DELETE counts as closed unkept.
        Assert.Equal(1, report.GetProperty("closed").GetInt32());
    }

    [Fact]
    public async Task A_follow_up_marked_done_after_it_was_due_counts_as_done_late()
    {
        using var rep = api.ClientFor(Rep());
        var lead = await rep.CreateLeadAsync();
        await (await SetFollowUpAsync(rep, lead.Id, api.Clock.UtcNow.AddDays(-2))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await FollowUpsReportAsync(rep)).GetProperty("missed").GetInt32());

        var state = await (await CompleteAsync(rep, lead.Id)).ReadAsync<FollowUpStateDto>();

        Assert.True(state.Completed.CompletedAt > state.Completed.DueAt);
        var report = await FollowUpsReportAsync(rep);
        Assert.Equal((0, 1, 0, 0), (report.GetProperty("doneOnTime").GetInt32(), report.GetProperty("doneLate").GetInt32(),
            report.GetProperty("missed").GetInt32(), report.GetProperty("closed").GetInt32()));
    }

    [Fact]
    public async Task Without_an_open_follow_up_the_answer_is_409_and_nothing_changes()
    {
        using var rep = api.ClientFor(Rep());
        var lead = await rep.CreateLeadAsync();
        await (await SetFollowUpAsync(rep, lead.Id, api.Clock.UtcNow.AddDays(1))).ExpectAsync(HttpStatusCode.OK);
        await (await CompleteAsync(rep, lead.Id)).ExpectAsync(HttpStatusCode.OK);
        var before = await (await rep.GetAsync($"/api/contacts/{lead.Id}")).ReadAsync<ContactDto>();

        var again = await (await CompleteAsync(rep, lead.Id)).ProblemAsync(HttpStatusCode.Conflict);
        var never = await (await CompleteAsync(rep, (await rep.CreateLeadAsync()).Id)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("No open follow-up", again.GetProperty("title").GetString());
        Assert.Equal("No open follow-up", never.GetProperty("title").GetString());
        var after = await (await rep.GetAsync($"/api/contacts/{lead.Id}")).ReadAsync<ContactDto>();
        Assert.Equal(before.Version, after.Version);
        Assert.Single(await (await rep.GetAsync($"/api/contacts/{lead.Id}/follow-ups")).ReadAsync<List<FollowUpDto>>());
    }

    [Fact]
    public async Task Another_reps_lead_is_404_and_its_follow_up_stays_open()
    {
        using var alice = api.ClientFor(Rep());
        using var bob = api.ClientFor(Rep());
        var lead = await alice.CreateLeadAsync();
        await (await SetFollowUpAsync(alice, lead.Id, api.Clock.UtcNow.AddDays(1))).ExpectAsync(HttpStatusCode.OK);

        await (await CompleteAsync(bob, lead.Id)).ProblemAsync(HttpStatusCode.NotFound);
        await (await CompleteAsync(bob, 999_999)).ProblemAsync(HttpStatusCode.NotFound);

        var followUp = Assert.Single(await (await alice.GetAsync($"/api/contacts/{lead.Id}/follow-ups")).ReadAsync<List<FollowUpDto>>());
        Assert.True(followUp.Open);
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_for_setting_and_for_marking_done_and_the_current_one_goes_through()
    {
        using var rep = api.ClientFor(Rep());
        var lead = await rep.CreateLeadAsync();
        var read = ContactEndpoints.ETagOf(lead.Version);
        var changed = await rep.PatchJsonAsync($"/api/contacts/{lead.Id}", new { company = "Stanford" }, read);
        await changed.ExpectAsync(HttpStatusCode.OK);

        var setStale = await (await SetFollowUpAsync(rep, lead.Id, api.Clock.UtcNow.AddDays(1), ifMatch: read)).ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("The contact changed meanwhile", setStale.GetProperty("title").GetString());
        Assert.Empty(await (await rep.GetAsync($"/api/contacts/{lead.Id}/follow-ups")).ReadAsync<List<FollowUpDto>>());

        var set = await SetFollowUpAsync(rep, lead.Id, api.Clock.UtcNow.AddDays(1), ifMatch: changed.ETag());
        await set.ExpectAsync(HttpStatusCode.OK);
        await (await CompleteAsync(rep, lead.Id, ifMatch: changed.ETag())).ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.True(Assert.Single(await (await rep.GetAsync($"/api/contacts/{lead.Id}/follow-ups")).ReadAsync<List<FollowUpDto>>()).Open);

        await (await CompleteAsync(rep, lead.Id, ifMatch: set.ETag())).ExpectAsync(HttpStatusCode.OK);
    }
}
