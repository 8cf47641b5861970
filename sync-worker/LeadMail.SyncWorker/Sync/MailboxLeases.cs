using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>A stream this worker holds a lease on, with the link to continue from.</summary>
/// <param name="FolderId">The folder a <see cref="MailboxStream.MailFolder"/> stream reads; empty otherwise.</param>
/// <param name="RepEmail">The rep's address: mail from it in a mixed folder (Archive) went out.</param>
/// <param name="MidRound">Whether <paramref name="Link"/> is a next link (the last round stopped part-way).</param>
/// <param name="WindowEndsAt">The calendar stream's calendarView end.</param>
public sealed record MailboxClaim(int SyncId, int RepId, string Mailbox, MailboxStream Stream, string? Link, bool BackfillDone, string Owner,
    string FolderId = "", string RepEmail = "", bool MidRound = false, DateTime? WindowEndsAt = null);

/// <summary>This process's name on the leases it holds.</summary>
public sealed class WorkerIdentity
{
    public string Name { get; } = Fit($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    private static string Fit(string name) => name.Length <= 200 ? name : name[^200..];
}

/// <summary>
/// Which mailbox streams are due, and who syncs each: a claim is a conditional update in the
/// database (free or lapsed lease → this worker), so any number of workers can share one database
/// and a stream is only ever synced in one place. A crashed worker's leases lapse on their own.
/// </summary>
/// <remarks>
/// The lease writes (claim, release, failure, restart) take this worker's writer turn (<see cref="WriterTurns"/>) like a
/// page's commit: on SQLite one meeting a commit under way would otherwise sleep out Microsoft.Data.Sqlite's busy retry.
/// </remarks>
public sealed class MailboxLeases(LeadMailDb db, WorkerIdentity worker, WriterTurns turns, IOptions<SyncOptions> options, TimeProvider clock, ILogger<MailboxLeases> log)
{
    /// <summary>The streams every mailbox has; its other mail folders' streams are added by the folder list, its history stream by <see cref="HistoryRequests"/>.</summary>
    private static readonly MailboxStream[] FixedStreams = [MailboxStream.Inbox, MailboxStream.SentItems, MailboxStream.Calendar, MailboxStream.Folders];

    /// <summary>Adds the missing stream rows for every active rep who opted in to sync.</summary>
    public async Task EnsureStreamsAsync(CancellationToken ct)
    {
        // In a transaction, so that on SQLite (which serialises writers) two starting workers never race on the insert.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var repIds = await db.Reps.AsNoTracking().Where(r => r.Active && r.SyncEnabled).Select(r => r.Id).ToListAsync(ct);
        var existing = (await db.MailboxSyncs.AsNoTracking().Where(s => repIds.Contains(s.RepId) && s.FolderId == "").Select(s => new { s.RepId, s.Stream }).ToListAsync(ct))
            .Select(s => (s.RepId, s.Stream)).ToHashSet();
        var missing = repIds.SelectMany(id => FixedStreams.Select(stream => (RepId: id, Stream: stream)))
            .Where(pair => !existing.Contains(pair)).ToList();
        if (missing.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (repId, stream) in missing) db.MailboxSyncs.Add(new MailboxSync { RepId = repId, Stream = stream, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another worker added them at the same moment; the unique index kept one of each.
            log.LogDebug("Stream rows were added concurrently by another worker");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due streams not held by anyone, skipping <paramref name="busy"/>
    /// (streams this worker is already syncing), the longest waiting first.
    /// </summary>
    public async Task<IReadOnlyList<MailboxClaim>> ClaimDueAsync(int max, IReadOnlySet<int> busy, CancellationToken ct)
    {
        if (max <= 0) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var dueBefore = now - options.Value.PollInterval;
        var busyIds = busy.ToList();
        var candidates = await Due(now, dueBefore)
            .Where(s => !busyIds.Contains(s.Id))
            // A nudged stream goes first: someone is waiting for that mail.
            .OrderByDescending(s => s.Nudges != s.NudgesSeen).ThenBy(s => s.LastAttemptAt).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.RepId })
            .Take(max * 4)
            .ToListAsync(ct);
        if (candidates.Count == 0) return [];

        // A mailbox with many folders keeps within Graph's concurrent requests per mailbox: its streams held by
        // any worker count against Sync:MaxStreamsPerMailbox.
        var repIds = candidates.Select(c => c.RepId).Distinct().ToList();
        var held = await db.MailboxSyncs.AsNoTracking()
            .Where(s => repIds.Contains(s.RepId) && s.LeaseOwner != null && s.LeaseExpiresAt != null && s.LeaseExpiresAt >= now)
            .GroupBy(s => s.RepId).Select(g => new { RepId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RepId, g => g.Count, ct);

        var claims = new List<MailboxClaim>();
        var leaseUntil = now + options.Value.LeaseDuration;
        foreach (var (id, repId) in candidates.Select(c => (c.Id, c.RepId)))
        {
            if (claims.Count == max) break;
            if (held.GetValueOrDefault(repId) >= options.Value.MaxStreamsPerMailbox) continue;
            // The same conditions again, atomically: whoever updates the row first holds it.
            int claimed;
            using (await turns.TakeAsync(ct))
                claimed = await Due(now, dueBefore).Where(s => s.Id == id)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(s => s.LeaseOwner, worker.Name)
                        .SetProperty(s => s.LeaseExpiresAt, leaseUntil)
                        .SetProperty(s => s.LastAttemptAt, now)
                        .SetProperty(s => s.NudgesSeen, s => s.Nudges), ct);
            if (claimed == 0) continue;
            held[repId] = held.GetValueOrDefault(repId) + 1;
            var row = await db.MailboxSyncs.AsNoTracking().Where(s => s.Id == id)
                .Select(s => new { s.Id, s.RepId, s.Rep!.EntraObjectId, s.Rep.Email, s.Stream, s.DeltaLink, Done = s.BackfillCompletedAt != null, s.FolderId, s.MidRound, s.WindowEndsAt })
                .FirstAsync(ct);
            claims.Add(new MailboxClaim(row.Id, row.RepId, row.EntraObjectId ?? row.Email, row.Stream, row.DeltaLink, row.Done, worker.Name,
                row.FolderId, row.Email, row.MidRound, row.WindowEndsAt));
        }
        return claims;
    }

    /// <summary>
    /// Due: never tried, stopped mid-round, nudged by a change notification since its last claim, or last tried a poll
    /// interval ago (the longer <c>Sync:PollIntervalWhenSubscribed</c> while a healthy subscription covers it).
    /// </summary>
    private IQueryable<MailboxSync> Due(DateTime now, DateTime dueBefore)
    {
        var free = db.MailboxSyncs.Where(s => s.Rep!.Active && s.Rep.SyncEnabled
            && (s.LeaseOwner == null || s.LeaseExpiresAt == null || s.LeaseExpiresAt < now));
        if (!options.Value.NotificationsEnabled)
            return free.Where(s => s.LastAttemptAt == null || s.MidRound || s.Nudges != s.NudgesSeen || s.LastAttemptAt <= dueBefore);
        var subscribedDueBefore = now - options.Value.PollIntervalWhenSubscribed;
        return free.Where(s => s.LastAttemptAt == null || s.MidRound || s.Nudges != s.NudgesSeen || s.LastAttemptAt <= subscribedDueBefore
            || (s.LastAttemptAt <= dueBefore && !db.MailSubscriptions.Any(m => m.RepId == s.RepId
                && ((s.Stream == MailboxStream.Calendar && m.Resource == SubscriptionResource.Events) || (s.Stream != MailboxStream.Calendar && m.Resource == SubscriptionResource.Messages))
                && m.GraphSubscriptionId != null && m.RemovedAt == null && m.ConsecutiveFailures == 0 && m.ExpiresAt > now)));
    }

    /// <summary>
    /// The API stamps <see cref="MailboxSync.NudgedAt"/> with its own clock: a nudge is looked for this far back, so
    /// clocks that differ by less still find it at once; beyond, the next dispatch pass claims it.
    /// </summary>
    private static readonly TimeSpan NudgeLookBack = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether a free stream of a synced mailbox was nudged since its last claim: the cheap look between dispatch passes,
    /// through the index on <see cref="MailboxSync.NudgedAt"/>, which reads only the streams nudged lately.
    /// </summary>
    public Task<bool> AnyNudgedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lately = now - NudgeLookBack;
        return db.MailboxSyncs.AnyAsync(s => s.NudgedAt >= lately && s.Nudges != s.NudgesSeen
            && (s.LeaseOwner == null || s.LeaseExpiresAt == null || s.LeaseExpiresAt < now)
            && s.Rep!.Active && s.Rep.SyncEnabled, ct);
    }

    /// <summary>Gives a stream back (end of its round, a failure, shutdown) so it is free at once, not at expiry.</summary>
    public async Task ReleaseAsync(MailboxClaim claim, CancellationToken ct)
    {
        using var turn = await turns.TakeAsync(ct);
        await db.MailboxSyncs.Where(s => s.Id == claim.SyncId && s.LeaseOwner == claim.Owner)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseOwner, (string?)null).SetProperty(s => s.LeaseExpiresAt, (DateTime?)null), ct);
    }

    /// <summary>Records a failed attempt; past <c>Sync:FailuresBeforeError</c> in a row the stream shows as in error.</summary>
    /// <returns>The stream's failures in a row, this one included.</returns>
    public async Task<int> RecordFailureAsync(MailboxClaim claim, string error, CancellationToken ct)
    {
        var threshold = options.Value.FailuresBeforeError;
        var message = error.Length <= 2000 ? error : error[..2000];
        using (await turns.TakeAsync(ct))
            await db.MailboxSyncs.Where(s => s.Id == claim.SyncId && s.LeaseOwner == claim.Owner)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.ConsecutiveFailures, s => s.ConsecutiveFailures + 1)
                    .SetProperty(s => s.LastError, message)
                    .SetProperty(s => s.Status, s => s.ConsecutiveFailures + 1 >= threshold ? MailboxSyncStatus.Error : MailboxSyncStatus.Failing)
                    .SetProperty(s => s.LeaseOwner, (string?)null)
                    .SetProperty(s => s.LeaseExpiresAt, (DateTime?)null), ct);
        return await db.MailboxSyncs.AsNoTracking().Where(s => s.Id == claim.SyncId).Select(s => s.ConsecutiveFailures).FirstOrDefaultAsync(ct);
    }

    /// <summary>Whether the stream's row is still there (a folder's stream ends with its folder).</summary>
    public Task<bool> ExistsAsync(MailboxClaim claim, CancellationToken ct) => db.MailboxSyncs.AnyAsync(s => s.Id == claim.SyncId, ct);

    /// <summary>The streams raised now (<see cref="StreamAlarm"/>): failing repeatedly, or no success for an hour.</summary>
    public async Task<IReadOnlyList<(MailboxSync Stream, string Email, string Reason)>> RaisedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var quietSince = now - StreamAlarm.Silence;
        var rows = await db.MailboxSyncs.AsNoTracking()
            .Where(s => s.Rep!.Active && s.Rep.SyncEnabled && (s.Status == MailboxSyncStatus.Error
                || ((s.LastSuccessAt == null || s.LastSuccessAt < quietSince) && (s.LastCommitAt == null || s.LastCommitAt < quietSince))))
            .Select(s => new { Sync = s, s.Rep!.Email })
            .ToListAsync(ct);
        return rows.Select(r => (r.Sync, r.Email, Reason: StreamAlarm.Reason(r.Sync, now))).Where(r => r.Reason is not null)
            .Select(r => (r.Sync, r.Email, r.Reason!)).ToList();
    }

    /// <summary>Forgets a stream's link after Graph lost its sync state; touches being keyed, the new pass records nothing twice.</summary>
    public async Task RestartAsync(MailboxClaim claim, CancellationToken ct)
    {
        using var turn = await turns.TakeAsync(ct);
        await db.MailboxSyncs.Where(s => s.Id == claim.SyncId && s.LeaseOwner == claim.Owner)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.DeltaLink, (string?)null)
                .SetProperty(s => s.MidRound, false)
                .SetProperty(s => s.Resyncs, s => s.Resyncs + 1), ct);
    }
}
