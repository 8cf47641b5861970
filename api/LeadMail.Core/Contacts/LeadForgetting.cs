using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Contacts;

/// <summary>
/// The right to be forgotten: the contact, its addresses, every touch and its corrections, its follow-ups,
/// stage moves, assignments, hand-over requests and consent history, and its share of the touch tallies go, in one statement each, in one transaction.
/// </summary>
public sealed class LeadForgetting(LeadMailDb db)
{
    /// <returns>False when there is no such contact.</returns>
    public async Task<bool> ForgetAsync(int contactId, CancellationToken ct)
    {
        var deleted = await db.InTransactionAsync(async token =>
        {
            await new TouchTallies(db).ForgetContactAsync(contactId, token);
            await db.Interactions.Where(i => i.ContactId == contactId).ExecuteDeleteAsync(token);
            await db.TouchRevisions.Where(r => r.ContactId == contactId).ExecuteDeleteAsync(token);
            await db.ContactEmails.Where(e => e.ContactId == contactId).ExecuteDeleteAsync(token);
            await db.FollowUps.Where(f => f.ContactId == contactId).ExecuteDeleteAsync(token);
            await db.StageChanges.Where(c => c.ContactId == contactId).ExecuteDeleteAsync(token);
            await db.OwnerAssignments.Where(a => a.ContactId == contactId).ExecuteDeleteAsync(token);
            await db.HandOverRequests.Where(h => h.ContactId == contactId).ExecuteDeleteAsync(token);
            await db.ConsentChanges.Where(c => c.ContactId == contactId).ExecuteDeleteAsync(token);
            return await db.Contacts.Where(c => c.Id == contactId).ExecuteDeleteAsync(token);
        }, ct);
        return deleted > 0;
    }
}
