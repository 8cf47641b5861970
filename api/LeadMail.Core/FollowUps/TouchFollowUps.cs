using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.FollowUps;

/// <summary>
/// What touches do to a contact's follow-ups, inside <see cref="TouchIngest"/>'s transaction (through
/// <see cref="TouchEffects"/>): a touch that keeps a person's promise completes it; the cadence's step is
/// kept once its attempt is made and closed once the lead connects; an unanswered outbound touch on a lead
/// being worked proposes the next step. A corrected or removed touch gives back what it kept.
/// </summary>
internal sealed class TouchFollowUps(LeadMailDb db, TimeProvider clock, IOptions<FollowUpOptions> options)
{
    /// <summary>The open follow-up of each contact, tracked, so what a batch completes or closes is saved with it.</summary>
    public async Task<Dictionary<int, FollowUp>> OpenAsync(IReadOnlyCollection<int> contactIds, CancellationToken ct)
    {
        var ids = contactIds.ToList();
        return (await db.FollowUps.Where(f => EF.Parameter(ids).Contains(f.ContactId) && f.CompletedAt == null && f.ClosedAt == null).ToListAsync(ct))
            .ToDictionary(f => f.ContactId);
    }

    /// <summary>The contact's open follow-up once <paramref name="added"/> are counted; a proposed step is added to the context.</summary>
    /// <param name="open">The follow-up open before the touches, from <see cref="OpenAsync"/>.</param>
    /// <param name="added">The contact's new touches, oldest first.</param>
    /// <param name="counters">The contact's counters with the new touches.</param>
    /// <param name="lastOutbound">The latest outbound touch after the score's horizon.</param>
    /// <returns>The follow-up open now, or null.</returns>
    public FollowUp? AfterTouches(
        TouchedContact contact, FollowUp? open, IReadOnlyList<Interaction> added, TouchCounters counters, DateTime? lastOutbound, DateTime now)
    {
        var followUp = open;
        foreach (var touch in added)
        {
            if (followUp is not { Kind: FollowUpKind.Manual } || !Completes(followUp, touch)) continue;
            Complete(followUp, touch);
            followUp = null;
        }
        if (followUp is { Kind: FollowUpKind.Cadence } && counters.OutboundSinceConnect >= followUp.Attempt)
        {
            // The proposed attempt has been made, whatever order its touches arrived in (a backfill, concurrent pages).
            var latest = added.Where(t => t.Direction == Direction.Outbound).MaxBy(t => t.OccurredAt);
            if (latest is not null) Complete(followUp, latest);
            else followUp.CompletedAt = now;
            followUp = null;
        }
        if (followUp is { Kind: FollowUpKind.Cadence } && counters.FirstConnectAt is not null)
        {
            // Connected: the attempt count stops, and so do its proposals.
            FollowUpSchedule.Close(followUp, now, null, "connected");
            followUp = null;
        }
        if (followUp is null && counters.FirstConnectAt is null && !contact.Unsubscribed && IsWorked(contact.Stage)
            && added.Any(t => t.Direction == Direction.Outbound))
        {
            followUp = ProposeNext(contact.Id, counters.OutboundSinceConnect, lastOutbound, now);
        }
        return followUp;
    }

    /// <summary>
    /// The follow-ups a removed or corrected touch was part of. A promise it kept is open again once it is
    /// removed, or corrected so that it does not keep it (moved before the promise, say). The cadence step
    /// proposed after it goes with it when it is removed, and moves with it when its time is corrected. One
    /// follow-up is open per contact: a promise that reopens replaces an open cadence step, and is closed
    /// itself when a person has made another since. Saves what it changes.
    /// </summary>
    /// <param name="storedAt">The touch's time before the correction (its time, when it is removed).</param>
    public async Task ReleaseAsync(Interaction touch, DateTime storedAt, bool removed, int? byRepId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reason = removed ? "touch removed" : "touch corrected";
        var open = await db.FollowUps.FirstOrDefaultAsync(f => f.ContactId == touch.ContactId && f.CompletedAt == null && f.ClosedAt == null, ct);
        if (open is { Kind: FollowUpKind.Cadence } step && step.AfterTouchAt == storedAt && touch.Direction == Direction.Outbound)
        {
            if (removed)
            {
                FollowUpSchedule.Close(step, now, byRepId, reason);
                open = null;
            }
            else
            {
                step.DueAt += touch.OccurredAt - storedAt;
                step.AfterTouchAt = touch.OccurredAt;
            }
        }

        // A person's promise first: when both kinds were kept by this touch, the manual one reopens.
        var kept = await db.FollowUps.Where(f => f.ContactId == touch.ContactId && f.CompletedByInteractionId == touch.Id)
            .OrderBy(f => f.Kind).ThenByDescending(f => f.CreatedAt).ToListAsync(ct);
        FollowUp? reopened = null;
        foreach (var followUp in kept)
        {
            // A cadence step is kept by the count of outbound touches, which a correction cannot change.
            if (!removed && (followUp.Kind == FollowUpKind.Cadence || Completes(followUp, touch)))
            {
                followUp.CompletedAt = touch.OccurredAt;
                continue;
            }
            if (open is { Kind: FollowUpKind.Cadence } && followUp.Kind == FollowUpKind.Manual)
            {
                FollowUpSchedule.Close(open, now, byRepId, reason);
                open = null;
            }
            if (open is null && reopened is null)
            {
                reopened = followUp;
                continue;
            }
            Uncomplete(followUp);
            FollowUpSchedule.Close(followUp, now, byRepId, reason);
        }

        // The closures saved first, the reopening after: the database allows one open follow-up per contact at every statement.
        await db.SaveChangesAsync(ct);
        if (reopened is null) return;
        Uncomplete(reopened);
        await db.SaveChangesAsync(ct);

        static void Uncomplete(FollowUp followUp) =>
            (followUp.CompletedAt, followUp.CompletedByRepId, followUp.CompletedByInteractionId) = (null, null, null);
    }

    /// <summary>
    /// A person's promise is kept by something the rep did after making it (an outbound touch, or a touch that
    /// reached the person), on the promised channel when one was named. An inbound email is not the
    /// rep following up.
    /// </summary>
    private static bool Completes(FollowUp followUp, Interaction touch)
    {
        if (touch.Direction == Direction.Inbound || touch.Channel == Channel.Note) return false;
        if (touch.Direction != Direction.Outbound && !touch.IsConnect) return false;
        if (followUp.Channel is { } channel && touch.Channel != channel) return false;
        return touch.OccurredAt >= followUp.CreatedAt;
    }

    private static void Complete(FollowUp followUp, Interaction touch)
    {
        followUp.CompletedAt = touch.OccurredAt;
        followUp.CompletedByRepId = touch.RepId;
        followUp.CompletedByInteractionId = touch.Id;
    }

    /// <param name="attempts">Outbound touches so far (the ingest's counter: the lead has never connected, so all of them).</param>
    /// <param name="lastOutbound">The latest outbound touch after the score's horizon.</param>
    private FollowUp? ProposeNext(int contactId, int attempts, DateTime? lastOutbound, DateTime now)
    {
        var cadence = options.Value;
        if (attempts == 0 || lastOutbound is not { } last || attempts >= cadence.MaxAttempts) return null;
        var followUp = new FollowUp
        {
            ContactId = contactId,
            Kind = FollowUpKind.Cadence,
            Attempt = attempts + 1,
            AfterTouchAt = last,
            DueAt = last.AddDays(cadence.DaysAfterAttempt(attempts)),
            Note = $"Attempt {attempts + 1} of {cadence.MaxAttempts}: no reply yet.",
            CreatedAt = now,
        };
        db.FollowUps.Add(followUp);
        return followUp;
    }

    /// <summary>Stages where sales is working the lead; won, lost and nurture get no cadence.</summary>
    private static bool IsWorked(Stage stage) => stage is not (Stage.Won or Stage.Lost or Stage.Nurture);
}
