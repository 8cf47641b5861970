using System.Net;
using System.Net.Http.Json;
using LeadMail.Api.Contacts;
using LeadMail.Api.FollowUps;
using LeadMail.Api.Interactions;
using LeadMail.Api.Lookup;
using LeadMail.Api.Pipeline;
using LeadMail.Api.Reports;
using LeadMail.Api.Web;
using LeadMail.Core.Interactions;
using LeadMail.Core.Reports;

namespace LeadMail.Workflow.Tests;

/// <summary>
/// Merging a duplicate into a lead. The definition: the survivor ends as the lead would be had every touch been
/// logged on it from the start, which a twin lead, logged that way by another rep, shows field by field and in
/// the reports.
/// </summary>
public sealed class MergeEquivalenceTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    [Fact]
    public async Task A_connected_lead_with_a_promise_ends_equal_to_its_twin_logged_right_from_the_start()
    {
        var (rep, repId) = await host.RepAsync("merger");
        var (twinRep, twinRepId) = await host.RepAsync("twin");
        var (manager, _) = await host.RepAsync("manager", manager: true);
        var survivorEmail = WorkflowHost.NewEmail("ada");
        var duplicateEmail = WorkflowHost.NewEmail("ada.work");
        var survivor = await host.CreateContactAsync(rep, new { firstName = "Ada", email = survivorEmail, ownerId = repId });
        var duplicate = await host.CreateContactAsync(rep, new
        {
            firstName = "Ada", lastName = "Lovelace", company = "Analytical Engines", phone = "+44 20 7946 0000", email = duplicateEmail, ownerId = repId,
        });
        var twin = await host.CreateContactAsync(twinRep, new { firstName = "Ada", email = WorkflowHost.NewEmail("twin"), ownerId = twinRepId });

        var start = host.Clock.UtcNow.AddDays(-12);
        var shared = $"mail:<{Guid.NewGuid():N}@contoso.com>";
        // Each step on the lead it reached (A or B), and the same on the twin; one email reached both addresses.
        await SyncedAsync(repId, duplicate.Id, twinRepId, twin.Id, Direction.Outbound, start);
        await SyncedAsync(repId, survivor.Id, twinRepId, twin.Id, Direction.Outbound, start.AddDays(1));
        await LoggedAsync(rep, duplicate.Id, twinRep, twin.Id, new { channel = "call", outcome = "noAnswer", occurredAt = start.AddDays(2) });
        await host.IngestAsync(new Touch(survivor.Id, repId, Channel.Email, Direction.Inbound, start.AddDays(4), shared, Origin.Sync));
        await host.IngestAsync(new Touch(duplicate.Id, repId, Channel.Email, Direction.Inbound, start.AddDays(4), shared, Origin.Sync));
        await host.IngestAsync(new Touch(twin.Id, twinRepId, Channel.Email, Direction.Inbound, start.AddDays(4), shared, Origin.Sync));
        await LoggedAsync(rep, survivor.Id, twinRep, twin.Id, new { channel = "email", direction = "outbound", occurredAt = start.AddDays(6), subject = "the quote" });
        await LoggedAsync(rep, duplicate.Id, twinRep, twin.Id, new { channel = "note", notes = "met at the fair", occurredAt = start.AddDays(7) });
        await Expect.StatusAsync(await rep.PostAsJsonAsync($"/api/contacts/{duplicate.Id}/stage",
            new { stage = "marketingQualified", reason = "asked for a demo" }, ApiJson.Options), HttpStatusCode.OK);
        foreach (var (client, id) in new[] { (rep, survivor.Id), (twinRep, twin.Id) })
            await Expect.StatusAsync(await client.PutAsJsonAsync($"/api/contacts/{id}/follow-up",
                new { dueAt = host.Clock.UtcNow.AddDays(3), note = "send the signed quote" }, ApiJson.Options), HttpStatusCode.OK);
        var period = $"from={start.AddDays(-1):yyyy-MM-dd}&to={host.Clock.UtcNow.AddDays(1):yyyy-MM-dd}&tz=UTC&granularity=day";
        Assert.NotEqual(await TouchesAsync(manager, twinRepId, period), await TouchesAsync(manager, repId, period));

        var merged = await Expect.JsonAsync<ContactDto>(await rep.PostAsJsonAsync($"/api/contacts/{survivor.Id}/merge", new { duplicateId = duplicate.Id }, ApiJson.Options));

        var expected = await host.GetContactAsync(twinRep, twin.Id);
        AssertSameLead(expected, merged);
        AssertSameLead(expected, await host.GetContactAsync(rep, survivor.Id));
        Assert.Equal((6, 6), (expected.TouchesTotal, (await rep.GetFromJsonAsync<Page<InteractionDto>>($"/api/contacts/{survivor.Id}/interactions", ApiJson.Options))!.Items.Count));
        Assert.Equal(expected.FrequencyCap!.OutboundTouchesInWindow, merged.FrequencyCap!.OutboundTouchesInWindow);
        // The survivor's empty fields took the duplicate's; its own stayed; both addresses are its.
        Assert.Equal(("Ada", "Lovelace", "Analytical Engines", "+44 20 7946 0000"), (merged.FirstName, merged.LastName, merged.Company, merged.Phone));
        Assert.Equal([survivorEmail, duplicateEmail], merged.Emails);
        Assert.Equal(survivorEmail, merged.Email);
        // The tallies as the touches report counts them, and touches before connect, as the twin's.
        Assert.Equal(await TouchesAsync(manager, twinRepId, period), await TouchesAsync(manager, repId, period));
        // The duplicate's stage history and follow-up history moved with it.
        var history = await rep.GetFromJsonAsync<List<StageChangeDto>>($"/api/contacts/{survivor.Id}/stage-history", ApiJson.Options);
        Assert.Contains(history!, c => c.Reason == "asked for a demo");
        var followUps = await rep.GetFromJsonAsync<List<FollowUpDto>>($"/api/contacts/{survivor.Id}/follow-ups", ApiJson.Options);
        Assert.Equal("send the signed quote", Assert.Single(followUps!, f => f.Open).Note);

        await Expect.StatusAsync(await rep.GetAsync($"/api/contacts/{duplicate.Id}"), HttpStatusCode.NotFound);
        var found = await Expect.JsonAsync<ContactLookupDto>(await rep.GetAsync($"/api/contacts/lookup?email={Uri.EscapeDataString(duplicateEmail)}"));
        Assert.Equal(survivor.Id, found.Contact.Id);
    }

    [Fact]
    public async Task An_unanswered_lead_gets_the_cadence_step_its_twin_got()
    {
        var (rep, repId) = await host.RepAsync("merger");
        var (twinRep, twinRepId) = await host.RepAsync("twin");
        var survivor = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), ownerId = repId });
        var duplicate = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), ownerId = repId });
        var twin = await host.CreateContactAsync(twinRep, new { email = WorkflowHost.NewEmail(), ownerId = twinRepId });
        var start = host.Clock.UtcNow.AddDays(-5);
        await LoggedAsync(rep, survivor.Id, twinRep, twin.Id, new { channel = "email", direction = "outbound", occurredAt = start });
        await LoggedAsync(rep, duplicate.Id, twinRep, twin.Id, new { channel = "call", outcome = "noAnswer", occurredAt = start.AddDays(2) });
        // Before the merge each lead proposes its own second attempt; the twin is at its third.
        Assert.StartsWith("Attempt 2", (await host.GetContactAsync(rep, duplicate.Id)).NextFollowUpNote);
        Assert.StartsWith("Attempt 3", (await host.GetContactAsync(twinRep, twin.Id)).NextFollowUpNote);

        var merged = await Expect.JsonAsync<ContactDto>(await rep.PostAsJsonAsync($"/api/contacts/{survivor.Id}/merge", new { duplicateId = duplicate.Id }, ApiJson.Options));

        AssertSameLead(await host.GetContactAsync(twinRep, twin.Id), merged);
        var followUps = await rep.GetFromJsonAsync<List<FollowUpDto>>($"/api/contacts/{survivor.Id}/follow-ups", ApiJson.Options);
        Assert.StartsWith("Attempt 3", Assert.Single(followUps!, f => f.Open).Note);
    }

    private async Task SyncedAsync(int repId, int contactId, int twinRepId, int twinId, Direction direction, DateTime at)
    {
        await host.IngestAsync(new Touch(contactId, repId, Channel.Email, direction, at, $"mail:<{Guid.NewGuid():N}@contoso.com>", Origin.Sync));
        await host.IngestAsync(new Touch(twinId, twinRepId, Channel.Email, direction, at, $"mail:<{Guid.NewGuid():N}@contoso.com>", Origin.Sync));
    }

    private static async Task LoggedAsync(HttpClient rep, int contactId, HttpClient twinRep, int twinId, object touch)
    {
        await WorkflowHost.LogAsync(rep, contactId, touch);
        await WorkflowHost.LogAsync(twinRep, twinId, touch);
    }

    /// <summary>The touches report for one rep's leads, without the rep's name and id, so two reps' compare.</summary>
    private static async Task<string> TouchesAsync(HttpClient manager, int repId, string period)
    {
        var report = await Expect.JsonAsync<Report<Touches>>(await manager.GetAsync($"/api/reports/touches?owner={repId}&{period}"));
        var rows = report.Data.Rows.Select(r => $"{r.Start} {r.Channel} {r.Direction} auto={r.AutoLogged} manual={r.Manual} total={r.Total}");
        var before = report.Data.BeforeConnect;
        return string.Join("\n", rows) + $"\nbefore connect: {before.Contacts} {before.Median} {before.P90} "
            + string.Join(",", before.Distribution.Select(b => $"{b.Touches}:{b.Contacts}"));
    }

    private static void AssertSameLead(ContactDto expected, ContactDto actual)
    {
        Assert.Equal(
            (expected.TouchesTotal, expected.LastTouchAt, expected.LastInboundAt, expected.FirstConnectAt, expected.TouchesBeforeConnect, expected.OutboundSinceConnect),
            (actual.TouchesTotal, actual.LastTouchAt, actual.LastInboundAt, actual.FirstConnectAt, actual.TouchesBeforeConnect, actual.OutboundSinceConnect));
        Assert.Equal(expected.Score, actual.Score, 9);
        Assert.Equal((expected.Priority, expected.NextFollowUpDue, expected.NextFollowUpNote), (actual.Priority, actual.NextFollowUpDue, actual.NextFollowUpNote));
    }
}
