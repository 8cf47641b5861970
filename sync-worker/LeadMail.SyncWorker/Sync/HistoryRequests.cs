using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// Turns each address added since the last tick (<see cref="LeadMail.Core.Contacts.ContactEmail.HistoryPending"/>, set by
/// every insert of an address) into its history fetches: one per kind (mail, meetings) from each active synced mailbox
/// that has begun syncing, and makes those mailboxes' history streams (added here when missing) due at once. A mailbox
/// that has read nothing yet needs none: its backfill reads the address's mail with everything else. Addresses that
/// were there before are not asked for: their mailboxes' backfill read them.
/// </summary>
public sealed class HistoryRequests(LeadMailDb db, ParticipantMatcher matcher, TimeProvider clock, ILogger<HistoryRequests> log)
{
    /// <summary>Addresses queued per tick: an import of thousands is queued over a few ticks, each a short transaction.</summary>
    private const int PerTick = 500;

    private static readonly HistoryKind[] Kinds = [HistoryKind.Mail, HistoryKind.Meetings];

    /// <returns>How many fetches were queued.</returns>
    public async Task<int> QueueAsync(CancellationToken ct)
    {
        if (!await db.ContactEmails.AnyAsync(e => e.HistoryPending, ct)) return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var pending = await db.ContactEmails.AsNoTracking().Where(e => e.HistoryPending).OrderBy(e => e.Id).Take(PerTick)
                .Select(e => new { e.Id, e.Address }).ToListAsync(ct);
            var ids = pending.Select(e => e.Id).ToList();
            var reps = await db.Reps.AsNoTracking()
                .Where(r => r.Active && r.SyncEnabled && db.MailboxSyncs.Any(s => s.RepId == r.Id && s.Stream != MailboxStream.History && s.DeltaLink != null))
                .Select(r => r.Id).ToListAsync(ct);
            var queued = (await db.HistoryFetches.AsNoTracking().Where(f => ids.Contains(f.ContactEmailId))
                .Select(f => new { f.ContactEmailId, f.RepId, f.Kind }).ToListAsync(ct)).Select(f => (f.ContactEmailId, f.RepId, f.Kind)).ToHashSet();
            var now = clock.GetUtcNow().UtcDateTime;
            // A colleague's or an excluded address never makes a touch: nothing to fetch.
            var fetches = (from email in pending.Where(e => matcher.IsExternal(e.Address))
                           from rep in reps
                           from kind in Kinds
                           where !queued.Contains((email.Id, rep, kind))
                           select new HistoryFetch { ContactEmailId = email.Id, RepId = rep, Kind = kind, CreatedAt = now }).ToList();
            db.HistoryFetches.AddRange(fetches);
            var mailboxes = fetches.Select(f => f.RepId).Distinct().ToList();
            var streams = await db.MailboxSyncs.AsNoTracking().Where(s => mailboxes.Contains(s.RepId) && s.Stream == MailboxStream.History)
                .Select(s => s.RepId).ToListAsync(ct);
            foreach (var repId in mailboxes.Except(streams))
                db.MailboxSyncs.Add(new MailboxSync { RepId = repId, Stream = MailboxStream.History, CreatedAt = now });
            await db.SaveChangesAsync(ct);
            await db.ContactEmails.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(set => set.SetProperty(e => e.HistoryPending, false), ct);
            // Due at once, like a stream stopped mid-round, rather than at its next poll.
            await db.MailboxSyncs.Where(s => streams.Contains(s.RepId) && s.Stream == MailboxStream.History)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.MidRound, true), ct);
            await transaction.CommitAsync(ct);
            if (fetches.Count > 0)
                log.LogInformation("Queued the history of {Addresses} new addresses from {Mailboxes} mailboxes ({Fetches} fetches)",
                    pending.Count, mailboxes.Count, fetches.Count);
            return fetches.Count;
        }
        catch (DbUpdateException)
        {
            // Another worker queued the same addresses a moment ago; the unique index kept one of each.
            log.LogDebug("History fetches were queued concurrently by another worker");
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
