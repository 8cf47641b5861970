using LeadMail.Core.Consent;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Persistence;
using LeadMail.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Interactions;

/// <summary>A contact as the effects of a batch of touches read it, before the batch.</summary>
internal sealed record TouchedContact(
    int Id, bool DoNotCall, bool DoNotEmail, bool Unsubscribed, Stage Stage, bool PrioritySetByHand, Priority Priority, double ScoreBase, TouchCounters Counters);

/// <summary>
/// What a touch does to its contact: the counters, consent, the frequency cap, the open follow-up
/// and the cadence, the score and the derived priority. Runs inside
/// <see cref="TouchIngest"/>'s transaction, so every origin (API, add-in, sync worker) gets the same.
/// </summary>
public sealed class TouchEffects(
    LeadMailDb db, TimeProvider clock, LeadScore score, IOptions<FollowUpOptions> followUpOptions, IOptions<FrequencyCapOptions> capOptions)
{
    /// <summary>Tests: recompute every contact from its whole history, the definition the nearby path is held to.</summary>
    internal bool WholeHistories { get; init; }

    /// <summary>
    /// What the effects read of the contacts a batch touches, in one query before anything is written: the
    /// consent check needs the flags, the rest the stage, priority and the stored counters and score (the
    /// batch's own writes to them come last, in <see cref="ApplyAsync"/>).
    /// </summary>
    internal async Task<IReadOnlyDictionary<int, TouchedContact>> ContactsAsync(IReadOnlyCollection<int> contactIds, CancellationToken ct)
    {
        if (contactIds.Count == 0) return new Dictionary<int, TouchedContact>();
        return await db.Stores.History.ContactsAsync(contactIds, ct);
    }

    /// <summary>Before the new touches are saved: refuse a person's touch on a blocked channel, flag everything else that breaks consent.</summary>
    internal void CheckConsent(IReadOnlyList<(Interaction Interaction, Touch Touch)> added, IReadOnlyDictionary<int, TouchedContact> contacts)
    {
        foreach (var (interaction, touch) in added)
        {
            if (!contacts.TryGetValue(interaction.ContactId, out var contact)) continue;
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
    /// After the touches are saved: the counters, cap flags, follow-ups, cadence, score and priority.
    /// </summary>
    /// <param name="contacts">The changed contacts as <see cref="ContactsAsync"/> read them.</param>
    /// <param name="movedContactIds">Contacts one of whose stored touches moved (a rescheduled or cancelled meeting).</param>
    internal async Task ApplyAsync(IReadOnlyList<Interaction> added, IReadOnlyDictionary<int, TouchedContact> contacts, IReadOnlySet<int> movedContactIds, CancellationToken ct)
    {
        if (contacts.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = contacts.Keys.ToList();
        var horizon = score.HorizonAt(now);
        var addedByContact = added.ToLookup(i => i.ContactId);

        // Where the store reads nearby touches, a contact that only gained touches is brought up to date from
        // its stored counters and score and the touches near the new ones (NearbyTouches); one whose stored
        // touch moved, and every contact elsewhere, from its whole history.
        var stored = db.Stores.History;
        var nearby = stored.ReadsNearby && !WholeHistories
            ? ids.Where(id => !movedContactIds.Contains(id) && addedByContact.Contains(id)).ToHashSet()
            : [];
        var whole = ids.Where(id => !nearby.Contains(id)).ToList();
        // The whole history: only the columns the counters and the score read, all held by the
        // (ContactId, OccurredAt, …) index, so the rows come from the index alone.
        var histories = (whole.Count == 0 ? [] : await db.Interactions.AsNoTracking().Where(i => EF.Parameter(whole).Contains(i.ContactId))
                .Select(i => new HistoryTouch(i.ContactId, i.Id, i.Channel, i.Direction, i.Outcome, i.OccurredAt, i.IsConnect))
                .ToListAsync(ct))
            .ToLookup(t => t.ContactId);
        var connects = nearby.Count == 0 ? [] : await stored.ConnectsAsync(
            nearby.Select(id => (id, NearbyTouches.NewFirstConnect(contacts[id].Counters.FirstConnectAt, addedByContact[id]))).ToList(),
            horizon, ct);
        var reach = NearbyTouches.Reach(score, capOptions.Value);
        var windows = (nearby.Count == 0 ? [] : await stored.WindowAsync(
                nearby.Select(id => (id, addedByContact[id].Min(i => i.OccurredAt) - reach, addedByContact[id].Max(i => i.OccurredAt) + reach)), ct))
            .ToLookup(t => t.ContactId);
        var openFollowUps = (await db.FollowUps.Where(f => EF.Parameter(ids).Contains(f.ContactId) && f.CompletedAt == null && f.ClosedAt == null).ToListAsync(ct))
            .ToDictionary(f => f.ContactId);
        var derived = new List<DerivedFields>(contacts.Count);
        foreach (var contact in contacts.Values)
        {
            var addedHere = addedByContact[contact.Id].OrderBy(i => i.OccurredAt).ThenBy(i => i.Id).ToList();
            TouchCounters counters;
            List<ScoredTouch> all;
            DateTime? lastOutbound;
            double scoreBase;
            if (nearby.Contains(contact.Id))
            {
                var found = connects[contact.Id];
                counters = NearbyTouches.Counters(contact.Counters, addedHere, found);
                lastOutbound = found.LastOutboundAt;
                all = Scored(windows[contact.Id], horizon);
                scoreBase = NearbyTouches.ScoreBase(score, contact.ScoreBase, all, addedHere, now);
            }
            else
            {
                var history = histories[contact.Id].ToList();
                counters = TouchCounters.Of(history);
                all = Scored(history, horizon);
                lastOutbound = all.Where(t => t.Direction == Direction.Outbound).Max(t => (DateTime?)t.OccurredAt);
                scoreBase = score.BaseOf(all, now);
            }
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
                followUp = ProposeNext(contact.Id, counters.OutboundSinceConnect, lastOutbound, now);
            }

            var (current, priority) = score.CurrentOf(scoreBase, contact.PrioritySetByHand, contact.Priority, now);
            derived.Add(new DerivedFields(contact.Id, counters, scoreBase, current, priority, followUp?.DueAt, followUp?.Note));
        }
        await db.Stores.DerivedFields.WriteAsync(derived, ct);
        await FlagOverCapAsync(added, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The follow-ups a removed or corrected touch was part of. A promise it kept is open again once it is
    /// removed, or corrected so that it no longer keeps it (moved before the promise, say). The cadence step
    /// proposed after it goes with it when it is removed, and moves with it when its time is corrected. One
    /// follow-up is open per contact: a promise that reopens replaces an open cadence step, and is closed
    /// itself when a person has made another since. Saves what it changes.
    /// </summary>
    /// <param name="storedAt">The touch's time before the correction (its time, when it is removed).</param>
    internal async Task ReleaseFollowUpsAsync(Interaction touch, DateTime storedAt, bool removed, int? byRepId, CancellationToken ct)
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
    /// Stores the cap flags <see cref="FlagOverCap"/> set on touches the context does not track (SQLite's
    /// hand-written insert): one statement for the batch. Tracked touches are saved with the rest.
    /// </summary>
    private async Task FlagOverCapAsync(IReadOnlyList<Interaction> added, CancellationToken ct)
    {
        var flagged = added.Where(i => i.OverFrequencyCap && db.Entry(i).State == EntityState.Detached).Select(i => i.Id).ToList();
        if (flagged.Count == 0) return;
        await db.Interactions.Where(i => EF.Parameter(flagged).Contains(i.Id)).ExecuteUpdateAsync(set => set.SetProperty(i => i.OverFrequencyCap, true), ct);
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
    /// <param name="lastOutbound">The latest outbound touch after the score's horizon.</param>
    private FollowUp? ProposeNext(int contactId, int attempts, DateTime? lastOutbound, DateTime now)
    {
        var options = followUpOptions.Value;
        if (attempts == 0 || lastOutbound is not { } last || attempts >= options.MaxAttempts) return null;
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

    private static List<ScoredTouch> Scored(IEnumerable<HistoryTouch> touches, DateTime horizon) =>
        touches.Where(t => t.OccurredAt > horizon).Select(t => new ScoredTouch(t.Id, t.Channel, t.Direction, t.Outcome, t.OccurredAt)).ToList();

    /// <summary>Stages where sales is working the lead; won, lost and nurture get no cadence.</summary>
    private static bool IsWorked(Stage stage) => stage is not (Stage.Won or Stage.Lost or Stage.Nurture);
}
