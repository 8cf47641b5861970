using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Interactions;

/// <summary>A touch to record, from any origin.</summary>
public sealed record Touch(
    int ContactId,
    int? RepId,
    Channel Channel,
    Direction Direction,
    DateTime OccurredAt,
    string NaturalKey,
    Origin Origin,
    Outcome? Outcome = null,
    string? Subject = null,
    string? Notes = null)
{
    /// <summary>A rep's reason for reaching out on a channel the contact blocked; recorded with the touch.</summary>
    public string? ConsentOverrideReason { get; init; }

    /// <summary>When a meeting ends (synced meetings): the worker marks it held once this has passed.</summary>
    public DateTime? EndsAt { get; init; }

    /// <summary>The mailbox item a synced meeting came from; kept when an update does not name one.</summary>
    public string? SourceItemId { get; init; }
}

/// <summary>What a person may correct of a touch they logged; the channel, direction and rep stay.</summary>
public sealed record TouchCorrection(DateTime OccurredAt, Outcome? Outcome, string? Subject, string? Notes);

public enum TouchResult
{
    /// <summary>A new touch was stored.</summary>
    Recorded,

    /// <summary>The natural key was already there and nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>The natural key was already there and its time, subject or outcome moved (a rescheduled or cancelled meeting).</summary>
    Updated,
}

public sealed record RecordedTouch(Interaction Interaction, TouchResult Result);

/// <summary>What to do when a touch arrives with a natural key that is already stored.</summary>
public enum KnownTouchPolicy
{
    /// <summary>Keep what is stored: a retried manual touch.</summary>
    Keep,

    /// <summary>Take the new time, subject and outcome: the mailbox is the source of truth.</summary>
    Update,
}

/// <summary>
/// The only way interactions are written. Dedupes on (contact, natural key), and refreshes the
/// contacts' counters from their touches in the same transaction, so the counters are right
/// whatever order touches arrive in (a backfill is not chronological).
/// </summary>
public sealed class TouchIngest
{
    private readonly LeadMailDb db;
    private readonly TimeProvider clock;
    private readonly TouchEffects effects;

    /// <summary>With the default workflow settings (cadence, cap, scoring): for code that builds its own context.</summary>
    public TouchIngest(LeadMailDb db, TimeProvider clock)
        : this(db, clock, new TouchEffects(db, clock, new Scoring.LeadScore(Options.Create(new Scoring.ScoringOptions())),
            Options.Create(new FollowUps.FollowUpOptions()), Options.Create(new Consent.FrequencyCapOptions())))
    {
    }

    public TouchIngest(LeadMailDb db, TimeProvider clock, TouchEffects effects)
    {
        this.db = db;
        this.clock = clock;
        this.effects = effects;
    }

    public async Task<RecordedTouch> RecordAsync(Touch touch, KnownTouchPolicy policy, CancellationToken ct) =>
        (await RecordAsync([touch], policy, ct))[0];

    /// <summary>
    /// Records a batch of touches. Joins the caller's transaction when there is one (the sync worker
    /// commits a page's touches with its delta link); otherwise commits its own.
    /// </summary>
    public async Task<IReadOnlyList<RecordedTouch>> RecordAsync(IReadOnlyList<Touch> touches, KnownTouchPolicy policy, CancellationToken ct)
    {
        if (touches.Count == 0) return [];
        if (db.Database.CurrentTransaction is not null) return await RecordInTransactionAsync(touches, policy, ct);

        // Two requests racing on one new key: the loser's insert hits the unique index; its retry
        // then finds the winner's row and reports it as already recorded.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync(token => RecordInTransactionAsync(touches, policy, token), ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<IReadOnlyList<RecordedTouch>> RecordInTransactionAsync(IReadOnlyList<Touch> touches, KnownTouchPolicy policy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.Stores.Touches.StoredAsync(touches.Select(t => (t.ContactId, TouchKey.Fit(t.NaturalKey))).Distinct().ToList(), ct);

        var results = new List<RecordedTouch>(touches.Count);
        var changedContacts = new HashSet<int>();
        var movedContacts = new HashSet<int>();
        var added = new List<(Interaction Interaction, Touch Touch)>();
        foreach (var touch in touches)
        {
            var key = (touch.ContactId, TouchKey.Fit(touch.NaturalKey));
            var occurredAt = Utc(touch.OccurredAt);
            if (stored.TryGetValue(key, out var existing))
            {
                var changed = policy == KnownTouchPolicy.Update && Refresh(existing, touch, occurredAt);
                if (changed)
                {
                    changedContacts.Add(touch.ContactId);
                    movedContacts.Add(touch.ContactId);
                }
                results.Add(new RecordedTouch(existing, changed ? TouchResult.Updated : TouchResult.AlreadyRecorded));
                continue;
            }

            var interaction = new Interaction
            {
                ContactId = touch.ContactId,
                RepId = touch.RepId,
                Channel = touch.Channel,
                Direction = touch.Direction,
                OccurredAt = occurredAt,
                NaturalKey = key.Item2,
                Origin = touch.Origin,
                Outcome = touch.Outcome,
                Subject = Truncate(touch.Subject, 400),
                Notes = Truncate(touch.Notes, 4000),
                IsConnect = Interaction.CountsAsConnect(touch.Channel, touch.Direction, touch.Outcome),
                EndsAt = Utc(touch.EndsAt),
                SourceItemId = Truncate(touch.SourceItemId, TouchKey.MaxLength),
                RecordedAt = now,
            };
            added.Add((interaction, touch));
            stored[key] = interaction;
            changedContacts.Add(touch.ContactId);
            results.Add(new RecordedTouch(interaction, TouchResult.Recorded));
        }

        var contacts = await effects.ContactsAsync(changedContacts, ct);
        effects.CheckConsent(added, contacts);
        // The touches report's hourly and daily counts, in this transaction: before saving, while the
        // change tracker still holds the stored time of a touch that moved.
        await new TouchTallies(db).CountAsync(added.Select(a => a.Interaction), ct);
        await InsertAsync(added.Select(a => a.Interaction).ToList(), ct);
        // The counters, the score and the rest are brought up to date by the effects.
        await effects.ApplyAsync(added.Select(a => a.Interaction).ToList(), contacts, movedContacts, ct);
        return results;
    }

    /// <summary>
    /// Corrects a touch a person logged: when it happened, how it went, what it was about, recording what it
    /// was (<see cref="TouchRevision"/>). The tallies move
    /// with it, and the contact's counters, score and priority are recomputed from its whole history, as for
    /// a rescheduled meeting; a follow-up it completed and no longer keeps is released
    /// (<see cref="TouchEffects.ReleaseFollowUpsAsync"/>). Null when the contact has no such touch.
    /// </summary>
    public Task<Interaction?> CorrectAsync(int contactId, long interactionId, TouchCorrection correction, int? byRepId, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            var touch = await db.Interactions.FirstOrDefaultAsync(i => i.ContactId == contactId && i.Id == interactionId, token);
            if (touch is null) return null;
            var contacts = await effects.ContactsAsync([contactId], token);
            var storedAt = touch.OccurredAt;
            var revision = TouchRevision.Before(touch, TouchRevisionKind.Corrected, clock.GetUtcNow().UtcDateTime, byRepId);
            touch.OccurredAt = Utc(correction.OccurredAt);
            touch.Outcome = correction.Outcome;
            touch.Subject = Truncate(correction.Subject, 400);
            touch.Notes = Truncate(correction.Notes, 4000);
            touch.IsConnect = Interaction.CountsAsConnect(touch.Channel, touch.Direction, touch.Outcome);
            (revision.NewOccurredAt, revision.NewOutcome, revision.NewSubject, revision.NewNotes) = (touch.OccurredAt, touch.Outcome, touch.Subject, touch.Notes);
            db.TouchRevisions.Add(revision);
            // Before saving: the tallies read the touch's stored time from the change tracker.
            await new TouchTallies(db).CountAsync([], token);
            await effects.ReleaseFollowUpsAsync(touch, storedAt, removed: false, byRepId, token);
            await effects.ApplyAsync([], contacts, new HashSet<int> { contactId }, token);
            return touch;
        }, ct);

    /// <summary>
    /// Removes a touch logged by mistake (on the wrong lead, or twice): recorded as a <see cref="TouchRevision"/>,
    /// out of the tallies, its follow-up released, the contact recomputed from the touches that remain. False
    /// when the contact has no such touch.
    /// </summary>
    public Task<bool> RemoveAsync(int contactId, long interactionId, int? byRepId, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            var touch = await db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.ContactId == contactId && i.Id == interactionId, token);
            if (touch is null) return false;
            var contacts = await effects.ContactsAsync([contactId], token);
            db.TouchRevisions.Add(TouchRevision.Before(touch, TouchRevisionKind.Removed, clock.GetUtcNow().UtcDateTime, byRepId));
            await new TouchTallies(db).ForgetAsync([touch], token);
            await effects.ReleaseFollowUpsAsync(touch, touch.OccurredAt, removed: true, byRepId, token);
            await db.Interactions.Where(i => i.Id == touch.Id).ExecuteDeleteAsync(token);
            await effects.ApplyAsync([], contacts, new HashSet<int> { contactId }, token);
            return true;
        }, ct);

    /// <summary>
    /// Brings a lead up to date once touches stored on another lead became its own (a merge): they count as
    /// its new touches, and the contact is recomputed from its whole history, as after a correction. Runs in
    /// the caller's transaction; the tallies do not move, since a touch's hour, rep and kind stay what they were.
    /// </summary>
    internal async Task TakeOverAsync(int contactId, IReadOnlyList<Interaction> movedIn, CancellationToken ct)
    {
        var contacts = await effects.ContactsAsync([contactId], ct);
        await effects.ApplyAsync(movedIn, contacts, new HashSet<int> { contactId }, ct);
    }

    /// <summary>
    /// Inserts the new touches (their ids set) and saves whatever else the context holds. Whether the
    /// touches stay tracked is the store's: the effects write the flag they set on untracked ones themselves.
    /// </summary>
    private async Task InsertAsync(List<Interaction> added, CancellationToken ct)
    {
        await db.Stores.Touches.InsertAsync(added, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Takes the touch's time, outcome and subject; its end and mailbox item only when it names them.</summary>
    private static bool Refresh(Interaction existing, Touch touch, DateTime occurredAt)
    {
        var endsAt = Utc(touch.EndsAt) ?? existing.EndsAt;
        var subject = Truncate(touch.Subject, 400);
        var sourceItemId = Truncate(touch.SourceItemId, TouchKey.MaxLength) ?? existing.SourceItemId;
        if (existing.OccurredAt == occurredAt && existing.Outcome == touch.Outcome && existing.Subject == subject && existing.EndsAt == endsAt
            && existing.SourceItemId == sourceItemId) return false;
        existing.OccurredAt = occurredAt;
        existing.EndsAt = endsAt;
        existing.SourceItemId = sourceItemId;
        existing.Outcome = touch.Outcome;
        existing.Subject = subject;
        existing.IsConnect = Interaction.CountsAsConnect(existing.Channel, existing.Direction, existing.Outcome);
        return true;
    }

    /// <summary>
    /// Recomputes the denormalised counters of the given contacts in one set-based statement: their
    /// definition. Recording touches computes the same values in memory (<see cref="TouchCounters"/>, from
    /// the touches the effects load anyway); this rebuilds them in bulk, e.g. for a generated dataset.
    /// </summary>
    public Task RefreshCountersAsync(IReadOnlyCollection<int> contactIds, CancellationToken ct)
    {
        var touches = db.Interactions;
        return db.Contacts
            .Where(c => contactIds.Contains(c.Id))
            .ExecuteUpdateAsync(set => set
                .SetProperty(c => c.TouchesTotal, c => touches.Count(i => i.ContactId == c.Id))
                .SetProperty(c => c.LastTouchAt, c => touches.Where(i => i.ContactId == c.Id).Max(i => (DateTime?)i.OccurredAt))
                .SetProperty(c => c.LastInboundAt, c => touches.Where(i => i.ContactId == c.Id && i.Direction == Direction.Inbound).Max(i => (DateTime?)i.OccurredAt))
                .SetProperty(c => c.FirstConnectAt, c => touches.Where(i => i.ContactId == c.Id && i.IsConnect).Min(i => (DateTime?)i.OccurredAt))
                .SetProperty(c => c.TouchesBeforeConnect, c => touches.Any(i => i.ContactId == c.Id && i.IsConnect)
                    ? touches.Count(i => i.ContactId == c.Id && i.Direction == Direction.Outbound
                        && i.OccurredAt < touches.Where(x => x.ContactId == c.Id && x.IsConnect).Min(x => x.OccurredAt))
                    : null)
                // Outbound touches after the latest connect: one max per contact rather than a lookup per touch,
                // which kept a mailbox backfill from slowing down as each lead's history grows.
                .SetProperty(c => c.OutboundSinceConnect, c => touches.Count(i => i.ContactId == c.Id && i.Direction == Direction.Outbound
                    && (touches.Where(x => x.ContactId == c.Id && x.IsConnect).Max(x => (DateTime?)x.OccurredAt) == null
                        || i.OccurredAt > touches.Where(x => x.ContactId == c.Id && x.IsConnect).Max(x => (DateTime?)x.OccurredAt)))),
                ct);
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();

    private static DateTime? Utc(DateTime? value) => value is { } at ? Utc(at) : null;

    private static string? Truncate(string? value, int max) =>
        value is null ? null : value.Length <= max ? value : value[..max];
}
