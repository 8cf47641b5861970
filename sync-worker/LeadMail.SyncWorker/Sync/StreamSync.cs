using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// One claimed stream, page by page until the delta link, through named stages: the stream's kind reads each
/// page (<see cref="IStreamKind"/>), <see cref="PageBatches"/> gathers pages read one after another and
/// commits them with the last one's link (<see cref="TouchWriter"/>), and <see cref="StreamHealth"/> records
/// how the run ended. A lead is touched by many pages of a backfill, and each commit brings every touched
/// lead's counters, score and follow-up up to date once. A crash loses at most the pages read since the last
/// commit, which are read again from its link. Stops only at a page boundary: the pages read are committed
/// even when shutdown is asked for meanwhile, and no new page is read after that.
/// </summary>
public sealed class StreamSync(
    StreamKinds kinds, TouchWriter writer, StreamHealth health, IOptions<SyncOptions> options, TimeProvider clock, ILogger<StreamSync> log)
{
    public async Task<StreamOutcome> RunAsync(MailboxClaim claim, CancellationToken stopping)
    {
        using var scope = log.BeginScope(new Dictionary<string, object> { ["RepId"] = claim.RepId, ["Mailbox"] = claim.Mailbox, ["Stream"] = claim.Stream });
        var progress = new StreamProgress();
        var batches = new PageBatches(claim, writer, progress, options.Value, clock, log);
        try
        {
            var kind = kinds.For(claim.Stream);
            if (!await SyncPagesAsync(claim, kind, batches, progress, stopping))
            {
                await batches.FlushAsync();
                return await health.StoppedAsync(claim, progress, StopPoint.PageBoundary);
            }
            await kind.AfterRoundAsync(claim);
            return await health.CompletedAsync(claim, progress);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await batches.FlushAsync();
            return await health.StoppedAsync(claim, progress, StopPoint.GraphCall);
        }
        catch (LeaseLostException lost)
        {
            return await health.LeaseLostAsync(claim, progress, lost);
        }
        catch (FolderGoneException gone) when (claim.Stream == LeadMail.Core.Sync.MailboxStream.MailFolder)
        {
            await batches.DiscardAsync();
            return await health.FolderGoneAsync(claim, progress, gone);
        }
        catch (Exception e)
        {
            await batches.FlushAsync();
            return await health.FailedAsync(claim, progress, e);
        }
    }

    /// <summary>Reads from the claim's link to the delta link and commits it all.</summary>
    /// <returns>True when the round is complete and committed; false when shutdown came first (the pages read are not committed yet).</returns>
    private async Task<bool> SyncPagesAsync(MailboxClaim claim, IStreamKind kind, PageBatches batches, StreamProgress progress, CancellationToken stopping)
    {
        var link = claim.Link;
        var restarted = false;
        while (!stopping.IsCancellationRequested)
        {
            DeltaPage page;
            try
            {
                page = await batches.ReadAsync(kind, link, stopping);
            }
            catch (SyncStateLostException lost) when (!restarted)
            {
                // What was committed stays; the pages read since are read again with everything else.
                await batches.DiscardAsync();
                await health.RestartAsync(claim, lost);
                restarted = true;
                link = null;
                continue;
            }

            progress.PageRead();
            batches.Add(page);
            link = page.NextLink ?? page.DeltaLink;
            await batches.SettleIfDoneAsync();
            if (batches.Waits(page)) continue;

            await batches.SettleAsync();
            if (page.NextLink is null)
            {
                await batches.CommitAsync();
                return true;
            }
            batches.CommitMeanwhile();
        }
        return false;
    }
}
