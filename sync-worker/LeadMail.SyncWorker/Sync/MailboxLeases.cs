using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>A stream this worker holds a lease on, with the link to continue from.</summary>
public sealed record MailboxClaim(int SyncId, int RepId, string Mailbox, MailboxStream Stream, string? Link, bool BackfillDone, string Owner);

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
public sealed class MailboxLeases(LeadMailDb db, WorkerIdentity worker, IOptions<SyncOptions> options, TimeProvider clock, ILogger<MailboxLeases> log)
{
    /// <summary>Adds the missing stream rows for every active rep who opted in to sync.</summary>
    public async Task EnsureStreamsAsync(CancellationToken ct)
    {
        // In a transaction, so that on SQLite (which serialises writers) two starting workers never race on the insert.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var repIds = await db.Reps.AsNoTracking().Where(r => r.Active && r.SyncEnabled).Select(r => r.Id).ToListAsync(ct);
        var existing = (await db.MailboxSyncs.AsNoTracking().Where(s => repIds.Contains(s.RepId)).Select(s => new { s.RepId, s.Stream }).ToListAsync(ct))
            .Select(s => (s.RepId, s.Stream)).ToHashSet();
        var missing = repIds.SelectMany(id => Enum.GetValues<MailboxStream>().Select(stream => (RepId: id, Stream: stream)))
            .Where(pair => !existing.Contains(pair)).ToList();
        if (missing.Count == 0) return;
        foreach (var (repId, stream) in missing) db.MailboxSyncs.Add(new MailboxSync { RepId = repId, Stream = stream });
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
    /// (streams this worker is already syncing). Due: never synced, stopped mid-round, or last tried a poll interval ago.
    /// </summary>
    public async Task<IReadOnlyList<MailboxClaim>> ClaimDueAsync(int max, IReadOnlySet<int> busy, CancellationToken ct)
    {
        if (max <= 0) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var dueBefore = now - options.Value.PollInterval;
        var busyIds = busy.ToList();
        var candidates = await Due(now, dueBefore)
            .Where(s => !busyIds.Contains(s.Id))
            .OrderBy(s => s.LastAttemptAt)
            .Select(s => s.Id)
            .Take(max * 2)
            .ToListAsync(ct);

        var claims = new List<MailboxClaim>();
        var leaseUntil = now + options.Value.LeaseDuration;
        foreach (var id in candidates)
        {
            if (claims.Count == max) break;
            // The same conditions again, atomically: whoever updates the row first holds it.
            var claimed = await Due(now, dueBefore).Where(s => s.Id == id)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.LeaseOwner, worker.Name)
                    .SetProperty(s => s.LeaseExpiresAt, leaseUntil)
                    .SetProperty(s => s.LastAttemptAt, now), ct);
            if (claimed == 0) continue;
            var row = await db.MailboxSyncs.AsNoTracking().Where(s => s.Id == id)
                .Select(s => new { s.Id, s.RepId, s.Rep!.EntraObjectId, s.Rep.Email, s.Stream, s.DeltaLink, Done = s.BackfillCompletedAt != null })
                .FirstAsync(ct);
            claims.Add(new MailboxClaim(row.Id, row.RepId, row.EntraObjectId ?? row.Email, row.Stream, row.DeltaLink, row.Done, worker.Name));
        }
        return claims;
    }

    private IQueryable<MailboxSync> Due(DateTime now, DateTime dueBefore) =>
        db.MailboxSyncs.Where(s => s.Rep!.Active && s.Rep.SyncEnabled
            && (s.LeaseOwner == null || s.LeaseExpiresAt == null || s.LeaseExpiresAt < now)
            && (s.LastAttemptAt == null || s.MidRound || s.LastAttemptAt <= dueBefore));

    /// <summary>Gives a stream back (end of its round, a failure, shutdown) so it is free at once, not at expiry.</summary>
    public Task ReleaseAsync(MailboxClaim claim, CancellationToken ct) =>
        db.MailboxSyncs.Where(s => s.Id == claim.SyncId && s.LeaseOwner == claim.Owner)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseOwner, (string?)null).SetProperty(s => s.LeaseExpiresAt, (DateTime?)null), ct);

    /// <summary>Records a failed attempt; past <c>Sync:FailuresBeforeError</c> in a row the stream shows as in error.</summary>
    public async Task RecordFailureAsync(MailboxClaim claim, string error, CancellationToken ct)
    {
        var threshold = options.Value.FailuresBeforeError;
        var message = error.Length <= 2000 ? error : error[..2000];
        await db.MailboxSyncs.Where(s => s.Id == claim.SyncId && s.LeaseOwner == claim.Owner)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.ConsecutiveFailures, s => s.ConsecutiveFailures + 1)
                .SetProperty(s => s.LastError, message)
                .SetProperty(s => s.Status, s => s.ConsecutiveFailures + 1 >= threshold ? MailboxSyncStatus.Error : MailboxSyncStatus.Failing)
                .SetProperty(s => s.LeaseOwner, (string?)null)
                .SetProperty(s => s.LeaseExpiresAt, (DateTime?)null), ct);
    }

    /// <summary>Forgets a stream's link after Graph lost its sync state; touches being keyed, the new pass records nothing twice.</summary>
    public Task RestartAsync(MailboxClaim claim, CancellationToken ct) =>
        db.MailboxSyncs.Where(s => s.Id == claim.SyncId && s.LeaseOwner == claim.Owner)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.DeltaLink, (string?)null)
                .SetProperty(s => s.MidRound, false)
                .SetProperty(s => s.Resyncs, s => s.Resyncs + 1), ct);
}
