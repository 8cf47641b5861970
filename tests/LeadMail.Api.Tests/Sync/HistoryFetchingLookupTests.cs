using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Sync;

/// <summary>The pane's lookup says while a new lead's past mail and meetings are still being fetched by the sync worker.</summary>
public sealed class HistoryFetchingLookupTests : IAsyncLifetime
{
    private readonly LeadMailHost api = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await api.DisposeAsync();

    private async Task WithDbAsync(Func<LeadMailDb, Task> work)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<LeadMailDb>());
    }

    [Fact]
    public async Task A_new_lead_shows_history_fetching_until_every_synced_mailbox_has_fetched_it()
    {
        using var rep = api.ClientFor("history.rep@contoso.com");
        var lead = await rep.CreateContactAsync(new { firstName = "Lee", email = Unique.Email("lee") });
        // No mailbox syncs: nothing will ever fetch it, so the pane does not wait.
        Assert.False((await rep.LookupAsync(lead.Email!)).HistoryFetching);

        var now = api.Clock.UtcNow;
        Rep synced = new() { Email = "synced@contoso.com", DisplayName = "Synced", SyncEnabled = true, CreatedAt = now, UpdatedAt = now };
        await WithDbAsync(async db =>
        {
            db.Reps.Add(synced);
            await db.SaveChangesAsync();
        });
        // Waiting for the worker to queue it.
        Assert.True((await rep.LookupAsync(lead.Email!)).HistoryFetching);

        // Queued, as the worker queues it: one fetch per kind from the synced mailbox.
        await WithDbAsync(async db =>
        {
            var email = await db.ContactEmails.SingleAsync(e => e.ContactId == lead.Id);
            email.HistoryPending = false;
            db.HistoryFetches.AddRange(
                new HistoryFetch { ContactEmailId = email.Id, RepId = synced.Id, Kind = HistoryKind.Mail, CreatedAt = now, CompletedAt = now },
                new HistoryFetch { ContactEmailId = email.Id, RepId = synced.Id, Kind = HistoryKind.Meetings, CreatedAt = now });
            await db.SaveChangesAsync();
        });
        Assert.True((await rep.LookupAsync(lead.Email!)).HistoryFetching);

        await WithDbAsync(db => db.HistoryFetches.ExecuteUpdateAsync(set => set.SetProperty(f => f.CompletedAt, now)));
        Assert.False((await rep.LookupAsync(lead.Email!)).HistoryFetching);
    }
}
