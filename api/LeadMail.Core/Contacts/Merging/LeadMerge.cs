using LeadMail.Core.Assignment;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Contacts.Merging;

public enum MergeOutcome
{
    Merged,

    /// <summary>One of the two leads does not exist, or the caller may not open it.</summary>
    NotFound,

    /// <summary>A lead cannot be merged into itself.</summary>
    SameLead,

    /// <summary>The survivor's version is not the one the caller read (If-Match).</summary>
    VersionMismatch,
}

public sealed record MergeResult(MergeOutcome Outcome, ContactMerge? Record = null, int? CurrentVersion = null);

/// <summary>Thrown inside the merge's transaction when one of the two leads changed between reading and writing.</summary>
public sealed class LeadChangedDuringMergeException() : Exception("A lead changed while it was being merged.");

/// <summary>
/// Merges a duplicate lead into the one that stays. Everything the duplicate holds moves (addresses, touches,
/// follow-ups, stage history, assignments, revisions, earlier merge records); the survivor's empty fields take
/// the duplicate's values; a touch both had (same natural key) stays once. The survivor's counters, score,
/// priority and follow-up state are then recomputed by the ingest path from the whole history, so the survivor
/// ends as if every touch had been logged on it from the start. One transaction: all of it, or nothing.
/// </summary>
public sealed class LeadMerge(LeadMailDb db, TouchIngest ingest, TimeProvider clock)
{
    /// <summary>The profile fields an empty survivor field takes from the duplicate, by name.</summary>
    private static readonly (string Name, Func<Contact, object?> Get, Action<Contact, Contact> Take)[] ProfileFields =
    [
        (nameof(Contact.FirstName), c => c.FirstName, (s, d) => s.FirstName = d.FirstName),
        (nameof(Contact.LastName), c => c.LastName, (s, d) => s.LastName = d.LastName),
        (nameof(Contact.Company), c => c.Company, (s, d) => s.Company = d.Company),
        (nameof(Contact.Title), c => c.Title, (s, d) => s.Title = d.Title),
        (nameof(Contact.Phone), c => c.Phone, (s, d) => s.Phone = d.Phone),
        (nameof(Contact.MobilePhone), c => c.MobilePhone, (s, d) => s.MobilePhone = d.MobilePhone),
        (nameof(Contact.Street), c => c.Street, (s, d) => s.Street = d.Street),
        (nameof(Contact.City), c => c.City, (s, d) => s.City = d.City),
        (nameof(Contact.PostalCode), c => c.PostalCode, (s, d) => s.PostalCode = d.PostalCode),
        (nameof(Contact.Region), c => c.Region, (s, d) => s.Region = d.Region),
        (nameof(Contact.Country), c => c.Country, (s, d) => s.Country = d.Country),
        (nameof(Contact.Background), c => c.Background, (s, d) => s.Background = d.Background),
        (nameof(Contact.Source), c => c.Source, (s, d) => s.Source = d.Source),
        (nameof(Contact.FirstMetOn), c => c.FirstMetOn, (s, d) => s.FirstMetOn = d.FirstMetOn),
        (nameof(Contact.Interest), c => c.Interest, (s, d) => s.Interest = d.Interest),
    ];

    /// <param name="mayOpen">Whether the caller may fully see a lead with that owner; both leads must pass.</param>
    /// <param name="acceptsVersion">The caller's If-Match on the survivor; null when they sent none.</param>
    public async Task<MergeResult> MergeAsync(
        int survivorId, int duplicateId, Func<int?, bool> mayOpen, Func<int, bool>? acceptsVersion, int? byRepId, CancellationToken ct)
    {
        if (survivorId == duplicateId) return new MergeResult(MergeOutcome.SameLead);
        return await db.InTransactionAsync(async token =>
        {
            var survivor = await db.Contacts.FirstOrDefaultAsync(c => c.Id == survivorId, token);
            var duplicate = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == duplicateId, token);
            if (survivor is null || duplicate is null || !mayOpen(survivor.OwnerId) || !mayOpen(duplicate.OwnerId))
                return new MergeResult(MergeOutcome.NotFound);
            if (acceptsVersion is not null && !acceptsVersion(survivor.Version))
                return new MergeResult(MergeOutcome.VersionMismatch, CurrentVersion: survivor.Version);

            var now = clock.GetUtcNow().UtcDateTime;
            var duplicateEmails = await db.ContactEmails.AsNoTracking().Where(e => e.ContactId == duplicateId)
                .OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Id).Select(e => e.Address).ToListAsync(token);
            var record = new ContactMerge
            {
                SurvivorId = survivorId,
                DuplicateId = duplicateId,
                ByRepId = byRepId,
                At = now,
                DuplicateName = Fit(DisplayNameOf(duplicate, duplicateEmails), ContactMerge.NameMaxLength),
                DuplicateEmails = Fit(string.Join(",", duplicateEmails), ContactMerge.EmailsMaxLength),
            };

            record.FilledFields = Fit(string.Join(",", FillEmptyFields(survivor, duplicate, byRepId, now)), ContactMerge.FilledFieldsMaxLength);
            survivor.Version++;
            survivor.UpdatedAt = now;
            await KeepOneOpenFollowUpAsync(survivorId, duplicateId, byRepId, now, token);
            // Saved before anything moves: a change to the survivor since it was read fails here (its Version).
            await db.SaveChangesAsync(token);
            db.ChangeTracker.Clear();

            record.TouchesJoined = await JoinSharedTouchesAsync(survivorId, duplicateId, token);
            var movedTouches = await db.Interactions.Where(i => i.ContactId == duplicateId).Select(i => i.Id).ToListAsync(token);
            record.TouchesMoved = await db.Interactions.Where(i => i.ContactId == duplicateId)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.ContactId, survivorId), token);
            record.AddressesMoved = await db.ContactEmails.Where(e => e.ContactId == duplicateId)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.ContactId, survivorId).SetProperty(e => e.IsPrimary, false), token);
            record.FollowUpsMoved = await db.FollowUps.Where(f => f.ContactId == duplicateId)
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.ContactId, survivorId), token);
            record.StageChangesMoved = await db.StageChanges.Where(c => c.ContactId == duplicateId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.ContactId, survivorId), token);
            record.AssignmentsMoved = await db.OwnerAssignments.Where(a => a.ContactId == duplicateId)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.ContactId, survivorId), token);
            record.RevisionsMoved = await db.TouchRevisions.Where(r => r.ContactId == duplicateId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ContactId, survivorId), token);
            await db.ContactMerges.Where(m => m.SurvivorId == duplicateId)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.SurvivorId, survivorId), token);

            // Only the duplicate as it was read, and emptied, goes: had someone changed it or given it a touch or an
            // address meanwhile (the sync worker, on a database that locks rows), the merge is undone rather than lose them.
            var version = duplicate.Version;
            if (await db.Contacts.Where(c => c.Id == duplicateId && c.Version == version
                    && !db.Interactions.Any(i => i.ContactId == duplicateId) && !db.ContactEmails.Any(e => e.ContactId == duplicateId))
                .ExecuteDeleteAsync(token) == 0)
                throw new LeadChangedDuringMergeException();

            var movedIn = await db.Interactions.Where(i => movedTouches.Contains(i.Id)).ToListAsync(token);
            await ingest.TakeOverAsync(survivorId, movedIn, token);

            db.ContactMerges.Add(record);
            await db.SaveChangesAsync(token);
            return new MergeResult(MergeOutcome.Merged, record);
        }, ct);
    }

    /// <summary>The survivor's empty profile fields and owner take the duplicate's; a consent flag on either holds for both.</summary>
    private IEnumerable<string> FillEmptyFields(Contact survivor, Contact duplicate, int? byRepId, DateTime now)
    {
        var filled = new List<string>();
        foreach (var (name, get, take) in ProfileFields)
        {
            if (!IsEmpty(get(survivor)) || IsEmpty(get(duplicate))) continue;
            take(survivor, duplicate);
            filled.Add(name);
        }
        if (survivor.OwnerId is null && duplicate.OwnerId is { } owner)
        {
            survivor.OwnerId = owner;
            db.OwnerAssignments.Add(new OwnerAssignment
            {
                ContactId = survivor.Id, FromRepId = null, ToRepId = owner, Cause = AssignmentCause.Manual, ByRepId = byRepId,
                Reason = $"Merged with contact {duplicate.Id}, which was theirs.", At = now,
            });
            filled.Add(nameof(Contact.OwnerId));
        }
        // "If they say not to call, don't call": what either lead was told stands.
        survivor.DoNotCall |= duplicate.DoNotCall;
        survivor.DoNotEmail |= duplicate.DoNotEmail;
        survivor.Unsubscribed |= duplicate.Unsubscribed;
        return filled;
    }

    /// <summary>
    /// One follow-up is open per lead: when both have one, a person's promise beats a cadence step, and of two of a
    /// kind the one due first stays. The other is closed as merged; the ingest then settles what the touches keep.
    /// </summary>
    private async Task KeepOneOpenFollowUpAsync(int survivorId, int duplicateId, int? byRepId, DateTime now, CancellationToken ct)
    {
        var open = await db.FollowUps.Where(f => (f.ContactId == survivorId || f.ContactId == duplicateId) && f.CompletedAt == null && f.ClosedAt == null)
            .ToListAsync(ct);
        if (open.Count < 2) return;
        foreach (var followUp in open.OrderBy(f => f.Kind).ThenBy(f => f.DueAt).Skip(1))
            FollowUpSchedule.Close(followUp, now, byRepId, "merged");
    }

    /// <summary>
    /// The duplicate's touches whose natural key the survivor also has are the same touch, logged twice: the
    /// survivor's copy stays, follow-ups and revisions that named the duplicate's copy name it instead, and the
    /// duplicate's copy leaves the tallies and the database.
    /// </summary>
    private async Task<int> JoinSharedTouchesAsync(int survivorId, int duplicateId, CancellationToken ct)
    {
        var shared = await db.Interactions.AsNoTracking()
            .Where(d => d.ContactId == duplicateId && db.Interactions.Any(s => s.ContactId == survivorId && s.NaturalKey == d.NaturalKey))
            .ToListAsync(ct);
        if (shared.Count == 0) return 0;
        var keys = shared.Select(d => d.NaturalKey).ToList();
        var kept = await db.Interactions.AsNoTracking().Where(s => s.ContactId == survivorId && keys.Contains(s.NaturalKey))
            .ToDictionaryAsync(s => s.NaturalKey, s => s.Id, ct);
        foreach (var copy in shared)
        {
            var keptId = kept[copy.NaturalKey];
            await db.FollowUps.Where(f => f.CompletedByInteractionId == copy.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.CompletedByInteractionId, keptId), ct);
            await db.TouchRevisions.Where(r => r.InteractionId == copy.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.InteractionId, keptId), ct);
        }
        await new TouchTallies(db).ForgetAsync(shared, ct);
        var ids = shared.ConvertAll(d => d.Id);
        await db.Interactions.Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(ct);
        return shared.Count;
    }

    private static string DisplayNameOf(Contact contact, IReadOnlyList<string> emails) =>
        string.Join(' ', new[] { contact.FirstName, contact.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name
            ? name
            : emails.FirstOrDefault() ?? contact.Company ?? $"Contact {contact.Id}";

    private static bool IsEmpty(object? value) => value is null || value is string s && string.IsNullOrWhiteSpace(s);

    private static string? Fit(string? value, int max) => string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}
