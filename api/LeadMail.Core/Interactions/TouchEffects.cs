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
/// and the cadence (<see cref="TouchFollowUps"/>), the score and the derived priority. Runs inside
/// <see cref="TouchIngest"/>'s transaction, so every origin (API, add-in, sync worker) gets the same.
/// </summary>
public sealed class TouchEffects(
    LeadMailDb db, TimeProvider clock, LeadScore score, IOptions<FollowUpOptions> followUpOptions, IOptions<FrequencyCapOptions> capOptions)
{
    private readonly TouchFollowUps followUps = new(db, clock, followUpOptions);

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
        var openFollowUps = await followUps.OpenAsync(ids, ct);
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

            openFollowUps.TryGetValue(contact.Id, out var open);
            var followUp = followUps.AfterTouches(contact, open, addedHere, counters, lastOutbound, now);

            var (current, priority) = score.CurrentOf(scoreBase, contact.PrioritySetByHand, contact.Priority, now);
            derived.Add(new DerivedFields(contact.Id, counters, scoreBase, current, priority, followUp?.DueAt, followUp?.Note));
        }
        await db.Stores.DerivedFields.WriteAsync(derived, ct);
        await FlagOverCapAsync(added, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The follow-ups a removed or corrected touch was part of, given back (<see cref="TouchFollowUps.ReleaseAsync"/>). Saves what it changes.</summary>
    /// <param name="storedAt">The touch's time before the correction (its time, when it is removed).</param>
    internal Task ReleaseFollowUpsAsync(Interaction touch, DateTime storedAt, bool removed, int? byRepId, CancellationToken ct) =>
        followUps.ReleaseAsync(touch, storedAt, removed, byRepId, ct);

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

    private static List<ScoredTouch> Scored(IEnumerable<HistoryTouch> touches, DateTime horizon) =>
        touches.Where(t => t.OccurredAt > horizon).Select(t => new ScoredTouch(t.Id, t.Channel, t.Direction, t.Outcome, t.OccurredAt)).ToList();
}
