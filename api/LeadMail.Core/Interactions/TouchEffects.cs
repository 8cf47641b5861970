using LeadMail.Core.Consent;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Persistence;
using LeadMail.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Interactions;

/// <summary>
/// What a touch does to its contact: the counters, consent, the frequency cap, the open follow-up
/// and the cadence, the score and the derived priority. Runs inside
/// <see cref="TouchIngest"/>'s transaction, so every origin (API, add-in, sync worker) gets the same.
/// </summary>
public sealed class TouchEffects(
    LeadMailDb db, TimeProvider clock, LeadScore score, IOptions<FollowUpOptions> followUpOptions, IOptions<FrequencyCapOptions> capOptions)
{
    /// <summary>Before the new touches are saved: refuse a person's touch on a blocked channel, flag everything else that breaks consent.</summary>
    public async Task CheckConsentAsync(IReadOnlyList<(Interaction Interaction, Touch Touch)> added, CancellationToken ct)
    {
        if (added.Count == 0) return;
        var ids = added.Select(a => a.Interaction.ContactId).Distinct().ToList();
        // The ids as one JSON parameter (json_each, OPENJSON), not one parameter each: a sync page names
        // hundreds of contacts, and binding that many parameters cost more than the query itself.
        var flags = await db.Contacts.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id))
            .Select(c => new { c.Id, c.DoNotCall, c.DoNotEmail, c.Unsubscribed })
            .ToDictionaryAsync(c => c.Id, ct);
        foreach (var (interaction, touch) in added)
        {
            if (!flags.TryGetValue(interaction.ContactId, out var contact)) continue;
            var flag = ConsentRules.Blocking(contact.DoNotCall, contact.DoNotEmail, contact.Unsubscribed, interaction.Channel, interaction.Direction);
            if (flag is null) continue;
            var reason = string.IsNullOrWhiteSpace(touch.ConsentOverrideReason) ? null : touch.ConsentOverrideReason.Trim();
            // A person asked to log it: they must say why. The mailbox is a record of what happened: keep it, flag it.
            if (reason is null && touch.Origin is Origin.Api or Origin.Addin)
            {
                // Nothing of the refused batch may be saved later by the same context.
                foreach (var (refused, _) in added) db.Entry(refused).State = EntityState.Detached;
                throw new ConsentRefusedException(flag.Value);
            }
            interaction.ConsentViolation = flag;
            interaction.ConsentOverrideReason = reason is { Length: > 500 } ? reason[..500] : reason;
        }
    }

    /// <summary>
    /// After the touches are saved: the counters, cap flags, follow-ups, cadence, score and priority,
    /// all from one narrow load of the contacts' touches.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<Interaction> added, IReadOnlyCollection<int> changedContactIds, CancellationToken ct)
    {
        if (changedContactIds.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = changedContactIds.ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id))
            .Select(c => new { c.Id, c.Stage, c.Unsubscribed, c.PrioritySetByHand, c.Priority })
            .ToListAsync(ct);
        // The counters need every touch (they are over the whole history): only the columns they and the
        // score read, all held by the (ContactId, OccurredAt, …) index, so the rows come from the index alone.
        var touches = (await db.Interactions.AsNoTracking().Where(i => EF.Parameter(ids).Contains(i.ContactId))
                .Select(i => new HistoryTouch(i.ContactId, i.Id, i.Channel, i.Direction, i.Outcome, i.OccurredAt, i.IsConnect))
                .ToListAsync(ct))
            .ToLookup(t => t.ContactId);
        // Points older than twenty half-lives are worth less than a millionth of their value: the score,
        // the cap and the cadence look at the recent touches only.
        var horizon = now.AddDays(-20 * score.HalfLifeDays);
        var openFollowUps = (await db.FollowUps.Where(f => EF.Parameter(ids).Contains(f.ContactId) && f.CompletedAt == null && f.ClosedAt == null).ToListAsync(ct))
            .ToDictionary(f => f.ContactId);
        var addedByContact = added.ToLookup(i => i.ContactId);
        var derived = new List<DerivedFields>(contacts.Count);
        foreach (var contact in contacts)
        {
            var history = touches[contact.Id].ToList();
            var counters = TouchCounters.Of(history);
            var all = history.Where(t => t.OccurredAt > horizon)
                .Select(t => new ScoredTouch(t.Id, t.Channel, t.Direction, t.Outcome, t.OccurredAt)).ToList();
            var addedHere = addedByContact[contact.Id].OrderBy(i => i.OccurredAt).ThenBy(i => i.Id).ToList();
            FlagOverCap(addedHere, all);

            openFollowUps.TryGetValue(contact.Id, out var followUp);
            foreach (var touch in addedHere)
            {
                if (followUp is not { Kind: FollowUpKind.Manual } || !Completes(followUp, touch)) continue;
                Complete(followUp, touch);
                followUp = null;
            }
            if (followUp is { Kind: FollowUpKind.Cadence } && counters.OutboundSinceConnect >= followUp.Attempt)
            {
                // The proposed attempt has been made, whatever order its touches arrived in (a backfill, concurrent pages).
                var latest = addedHere.Where(t => t.Direction == Direction.Outbound).MaxBy(t => t.OccurredAt);
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
                && addedHere.Any(t => t.Direction == Direction.Outbound))
            {
                followUp = ProposeNext(contact.Id, counters.OutboundSinceConnect, all, now);
            }

            var scoreBase = score.BaseOf(all, now);
            var current = score.ScoreAt(scoreBase, now);
            var priority = contact.PrioritySetByHand ? contact.Priority : score.PriorityFor(current);
            derived.Add(new DerivedFields(contact.Id, counters, scoreBase, current, priority, followUp?.DueAt, followUp?.Note));
        }
        await ContactWrites.UpdateDerivedAsync(db, derived, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Where a contact stands against the cap at <paramref name="now"/>: outbound touches in (now − window, now].</summary>
    public async Task<FrequencyCapStatus> CapStatusAsync(int contactId, CancellationToken ct)
    {
        var window = FrequencyCapWindow.At(clock.GetUtcNow().UtcDateTime, capOptions.Value);
        var count = await db.Interactions.CountAsync(i => i.ContactId == contactId && i.Direction == Direction.Outbound && i.OccurredAt > window.Start && i.OccurredAt <= window.End, ct);
        return window.StatusFor(count);
    }

    private void FlagOverCap(List<Interaction> addedHere, List<ScoredTouch> all)
    {
        var cap = capOptions.Value;
        foreach (var touch in addedHere.Where(t => t.Direction == Direction.Outbound))
        {
            var start = touch.OccurredAt.AddDays(-cap.WindowDays);
            var inWindow = all.Count(t => t.Direction == Direction.Outbound && t.OccurredAt > start && t.OccurredAt <= touch.OccurredAt);
            touch.OverFrequencyCap = inWindow > cap.MaxOutboundTouches;
        }
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
    private FollowUp? ProposeNext(int contactId, int attempts, List<ScoredTouch> recent, DateTime now)
    {
        var options = followUpOptions.Value;
        var outbound = recent.Where(t => t.Direction == Direction.Outbound).ToList();
        if (attempts == 0 || outbound.Count == 0 || attempts >= options.MaxAttempts) return null;
        var last = outbound.Max(t => t.OccurredAt);
        var followUp = new FollowUp
        {
            ContactId = contactId,
            Kind = FollowUpKind.Cadence,
            Attempt = attempts + 1,
            AfterTouchAt = last,
            DueAt = last.AddDays(options.DaysAfterAttempt(attempts)),
            Note = $"Attempt {attempts + 1} of {options.MaxAttempts}: no reply yet.",
            CreatedAt = now,
        };
        db.FollowUps.Add(followUp);
        return followUp;
    }

    /// <summary>Stages where sales is working the lead; won, lost and nurture get no cadence.</summary>
    private static bool IsWorked(Stage stage) => stage is not (Stage.Won or Stage.Lost or Stage.Nurture);
}
