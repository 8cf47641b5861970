using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Assignment;

/// <summary>What asking for a lead, or deciding a request, came to.</summary>
public enum HandOverOutcome
{
    Done,

    /// <summary>No such contact or request (or none the caller may decide).</summary>
    NotFound,

    /// <summary>The caller may already work the lead: nothing to ask for.</summary>
    AlreadyYours,

    /// <summary>The same rep already has a request for the lead waiting.</summary>
    AlreadyPending,

    /// <summary>The request was decided already.</summary>
    AlreadyDecided,
}

public readonly record struct HandOverResult(HandOverOutcome Outcome, HandOverRequest? Request);

/// <summary>
/// Hand-overs: a rep asks for a colleague's lead; the lead's current owner or a manager accepts (the lead is
/// reassigned through <see cref="LeadRouting.Assign"/>, with its audit row) or declines.
/// </summary>
public sealed class LeadHandOvers(LeadMailDb db, LeadRouting routing, TimeProvider clock)
{
    public async Task<HandOverResult> RequestAsync(int contactId, int repId, string? note, CancellationToken ct) =>
        await db.InTransactionAsync(async token =>
        {
            var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => new { c.OwnerId }).FirstOrDefaultAsync(token);
            if (contact is null) return new HandOverResult(HandOverOutcome.NotFound, null);
            if (contact.OwnerId is null || contact.OwnerId == repId) return new HandOverResult(HandOverOutcome.AlreadyYours, null);
            if (await db.HandOverRequests.AnyAsync(h => h.ContactId == contactId && h.RequestedById == repId && h.Status == HandOverStatus.Pending, token))
                return new HandOverResult(HandOverOutcome.AlreadyPending, null);
            var request = new HandOverRequest
            {
                ContactId = contactId,
                RequestedById = repId,
                FromRepId = contact.OwnerId,
                Note = note,
                Status = HandOverStatus.Pending,
                RequestedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.HandOverRequests.Add(request);
            await db.SaveChangesAsync(token);
            return new HandOverResult(HandOverOutcome.Done, request);
        }, ct);

    /// <summary>Pending requests the rep decides: those for leads they own now (a manager decides every one).</summary>
    public IQueryable<HandOverRequest> WaitingFor(int repId, bool isManager) =>
        db.HandOverRequests.AsNoTracking().Where(h => h.Status == HandOverStatus.Pending
            && (isManager || db.Contacts.Any(c => c.Id == h.ContactId && c.OwnerId == repId)));

    /// <summary>Pending requests the rep made, waiting for the lead's owner or a manager.</summary>
    public IQueryable<HandOverRequest> SentBy(int repId) =>
        db.HandOverRequests.AsNoTracking().Where(h => h.Status == HandOverStatus.Pending && h.RequestedById == repId);

    /// <param name="accept">True to hand the lead over to the rep who asked, false to decline.</param>
    public async Task<HandOverResult> DecideAsync(int requestId, int deciderId, bool isManager, bool accept, CancellationToken ct) =>
        await db.InTransactionAsync(async token =>
        {
            var request = await db.HandOverRequests.Include(h => h.Contact).FirstOrDefaultAsync(h => h.Id == requestId, token);
            if (request?.Contact is not { } contact || !isManager && contact.OwnerId != deciderId)
                return new HandOverResult(HandOverOutcome.NotFound, null);
            if (request.Status != HandOverStatus.Pending) return new HandOverResult(HandOverOutcome.AlreadyDecided, request);

            var now = clock.GetUtcNow().UtcDateTime;
            request.Status = accept ? HandOverStatus.Accepted : HandOverStatus.Declined;
            request.DecidedAt = now;
            request.DecidedById = deciderId;
            if (accept)
            {
                routing.Assign(contact, request.RequestedById, AssignmentCause.HandOver, ruleId: null, deciderId, request.Note ?? "hand-over accepted");
                contact.UpdatedAt = now;
                contact.Version++;
                // The lead has one owner: other requests for it are answered by this decision.
                await db.HandOverRequests.Where(h => h.ContactId == contact.Id && h.Id != request.Id && h.Status == HandOverStatus.Pending)
                    .ExecuteUpdateAsync(set => set.SetProperty(h => h.Status, HandOverStatus.Declined)
                        .SetProperty(h => h.DecidedAt, now).SetProperty(h => h.DecidedById, deciderId), token);
            }
            await db.SaveChangesAsync(token);
            return new HandOverResult(HandOverOutcome.Done, request);
        }, ct);
}
