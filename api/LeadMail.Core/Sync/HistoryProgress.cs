using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Sync;

/// <summary>Whether a contact's past mail and meetings are still being fetched from the synced mailboxes.</summary>
public static class HistoryProgress
{
    /// <summary>
    /// True while one of the contact's addresses waits for the worker to queue its fetches (when any mailbox syncs at
    /// all: without one nothing ever will) or one of its fetches from an active, synced mailbox has not finished.
    /// The pane's lookup reads the same rule in its address statement (<see cref="Persistence.ContactLookupReader{TContact, TTouch}"/>).
    /// </summary>
    public static Task<bool> IsFetchingAsync(LeadMailDb db, int contactId, CancellationToken ct) =>
        db.ContactEmails.AsNoTracking().AnyAsync(e => e.ContactId == contactId
            && ((e.HistoryPending && db.Reps.Any(r => r.Active && r.SyncEnabled))
                || db.HistoryFetches.Any(f => f.ContactEmailId == e.Id && f.CompletedAt == null && f.Rep!.Active && f.Rep.SyncEnabled)), ct);
}
