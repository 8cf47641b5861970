using System.Net;
using System.Net.Http.Json;
using LeadMail.Api.FollowUps;
using LeadMail.Api.Web;
using LeadMail.Core.Interactions;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Workflow.Tests;

/// <summary>
/// The ripe lists read a lead's quiet-since (its last touch, or when it came in) from an index: it follows the
/// touches through every write that moves the last touch, and the ripe list's line says the same date.
/// </summary>
public sealed class QuietSinceTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    [Fact]
    public async Task Quiet_since_follows_the_last_touch_through_logging_syncing_correcting_removing_and_merging()
    {
        var (rep, repId) = await host.RepAsync("quiet");
        var email = WorkflowHost.NewEmail("quiet");
        var lead = await host.CreateContactAsync(rep, new { firstName = "Quiet", email, ownerId = repId });
        var created = (await StoredAsync(lead.Id)).CreatedAt;
        Assert.Equal(created, (await StoredAsync(lead.Id)).QuietSince);

        var start = host.Clock.UtcNow.AddDays(-60);
        var call = await WorkflowHost.LogAsync(rep, lead.Id, new { channel = "call", outcome = "noAnswer", occurredAt = start });
        Assert.Equal(start, (await StoredAsync(lead.Id)).QuietSince);

        var synced = start.AddDays(5);
        await host.IngestAsync(new Touch(lead.Id, repId, Channel.Email, Direction.Outbound, synced, $"mail:out:{Guid.NewGuid()}", Origin.Sync));
        Assert.Equal(synced, (await StoredAsync(lead.Id)).QuietSince);

        var corrected = start.AddDays(10);
        await Expect.StatusAsync(await rep.PatchAsJsonAsync($"/api/contacts/{lead.Id}/interactions/{call.Id}", new { occurredAt = corrected }, ApiJson.Options), HttpStatusCode.OK);
        Assert.Equal(corrected, (await StoredAsync(lead.Id)).QuietSince);

        await Expect.StatusAsync(await rep.DeleteAsync($"/api/contacts/{lead.Id}/interactions/{call.Id}"), HttpStatusCode.NoContent);
        Assert.Equal(synced, (await StoredAsync(lead.Id)).QuietSince);

        var duplicate = await host.CreateContactAsync(rep, new { firstName = "Quiet", email = WorkflowHost.NewEmail("quiet-twin"), ownerId = repId });
        var later = start.AddDays(20);
        await WorkflowHost.LogAsync(rep, duplicate.Id, new { channel = "visit", occurredAt = later });
        await Expect.StatusAsync(await rep.PostAsJsonAsync($"/api/contacts/{lead.Id}/merge", new { duplicateId = duplicate.Id }, ApiJson.Options), HttpStatusCode.OK);
        var merged = await StoredAsync(lead.Id);
        Assert.Equal(later, merged.QuietSince);
        Assert.Equal(merged.LastTouchAt, merged.QuietSince);

        var ripe = await rep.GetFromJsonAsync<List<CallListItem>>("/api/contacts/ripe?owner=me&days=30", ApiJson.Options);
        var line = Assert.Single(ripe!, l => l.ContactId == lead.Id);
        Assert.Equal(later, line.LastTouchAt);
    }

    private Task<(DateTime CreatedAt, DateTime? LastTouchAt, DateTime QuietSince)> StoredAsync(int id) =>
        host.WithDbAsync(db => db.Contacts.AsNoTracking().Where(c => c.Id == id)
            .Select(c => ValueTuple.Create(c.CreatedAt, c.LastTouchAt, c.QuietSince)).SingleAsync());
}
