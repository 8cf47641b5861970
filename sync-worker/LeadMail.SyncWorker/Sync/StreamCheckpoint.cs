using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>The worker's lease was taken over (it lapsed while a page was in flight): the page is not committed.</summary>
public sealed class LeaseLostException(MailboxStream stream, int repId)
    : Exception($"The lease on rep {repId}'s {stream} passed to another worker; the page was not committed.");

/// <summary>
/// Delta-link commit: moves a stream on to the page's next or delta link, with its counters and a longer
/// lease, inside the transaction that records the page's touches (<see cref="TouchWriter"/>), and only
/// while this worker holds the lease. The link and the touches it produced commit together or not at all.
/// </summary>
public sealed class StreamCheckpoint(LeadMailDb db, IOptions<SyncOptions> options)
{
    /// <param name="recorded">The page's touches recorded for the first time.</param>
    /// <returns>Whether the page ended the round (it carried the delta link).</returns>
    /// <exception cref="LeaseLostException">Another worker holds the stream now; the caller must roll back.</exception>
    public async Task<bool> AdvanceAsync(MailboxClaim claim, DeltaPage page, int recorded, DateTime now, CancellationToken ct)
    {
        var complete = page.NextLink is null;
        var link = page.NextLink ?? page.DeltaLink;
        var leaseUntil = now + options.Value.LeaseDuration;
        var owned = await db.MailboxSyncs
            .Where(s => s.Id == claim.SyncId && s.LeaseOwner == claim.Owner)
            .ExecuteUpdateAsync(set =>
            {
                set.SetProperty(s => s.DeltaLink, link)
                    .SetProperty(s => s.MidRound, !complete)
                    .SetProperty(s => s.ItemsSynced, s => s.ItemsSynced + page.ItemCount)
                    .SetProperty(s => s.TouchesRecorded, s => s.TouchesRecorded + recorded)
                    .SetProperty(s => s.LeaseExpiresAt, leaseUntil)
                    .SetProperty(s => s.LastCommitAt, now);
                if (page.WindowEndsAt is { } windowEnd) set.SetProperty(s => s.WindowEndsAt, windowEnd);
                if (complete)
                {
                    set.SetProperty(s => s.Status, MailboxSyncStatus.Synced)
                        .SetProperty(s => s.LastSuccessAt, now)
                        .SetProperty(s => s.ConsecutiveFailures, 0)
                        .SetProperty(s => s.LastError, (string?)null)
                        .SetProperty(s => s.BackfillCompletedAt, s => s.BackfillCompletedAt ?? now);
                }
            }, ct);
        if (owned == 0) throw new LeaseLostException(claim.Stream, claim.RepId);
        await AdvanceHistoryAsync(page.History, now, ct);
        return complete;
    }

    /// <summary>Each history fetch the pages read moves on to its last page's next link, or is complete.</summary>
    private async Task AdvanceHistoryAsync(IReadOnlyList<HistoryPage> pages, DateTime now, CancellationToken ct)
    {
        foreach (var fetch in pages.GroupBy(p => p.FetchId))
        {
            var last = fetch.Last();
            var read = fetch.Sum(p => (long)p.ItemsRead);
            await db.HistoryFetches.Where(f => f.Id == fetch.Key)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(f => f.NextLink, last.NextLink)
                    .SetProperty(f => f.CompletedAt, last.NextLink is null ? now : null)
                    .SetProperty(f => f.ItemsRead, f => f.ItemsRead + read), ct);
        }
    }
}
