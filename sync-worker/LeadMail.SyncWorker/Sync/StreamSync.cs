using LeadMail.Core.Sync;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>How one claimed stream's round ended.</summary>
public sealed record StreamOutcome(MailboxClaim Claim, bool Succeeded, int Pages, int Items, int TouchesRecorded, string? Error);

/// <summary>
/// One claimed stream, page by page: read (<see cref="DeltaPageReader"/>), commit touches with the link
/// (<see cref="TouchWriter"/>), until the delta link. Pages read one after another are committed together,
/// up to <c>Sync:ItemsPerCommit</c> items, with the last one's link: a lead is touched by many pages of a
/// backfill, and each commit brings every touched lead's counters, score and follow-up up to date once.
/// A crash loses at most the pages read since the last commit, which are read again from its link.
/// Stops only at a page boundary: the pages read are committed even when shutdown is asked for
/// meanwhile, and no new page is read after that.
/// </summary>
public sealed class StreamSync(
    DeltaPageReader reader, TouchWriter writer, MailboxLeases leases, MeetingOutcomes meetings, IOptions<SyncOptions> options, TimeProvider clock, ILogger<StreamSync> log)
{
    public async Task<StreamOutcome> RunAsync(MailboxClaim claim, CancellationToken stopping)
    {
        using var scope = log.BeginScope(new Dictionary<string, object> { ["RepId"] = claim.RepId, ["Mailbox"] = claim.Mailbox, ["Stream"] = claim.Stream });
        var link = claim.Link;
        var read = new PagesRead();
        int pages = 0, items = 0, recorded = 0, commits = 0;
        var restarted = false;
        // The previous batch's commit, under way while the next pages are read. A stream's batches commit
        // in order: the next one starts only once this one is done. Everything else that uses the database
        // (the lease, the meetings sweep) waits for it too: they share one context.
        Task<PageOutcome>? committing = null;
        // After a failed commit nothing read later may commit: its link would skip the failed pages.
        var commitFailed = false;

        // Commits the pages read so far in one transaction with the last one's link.
        async Task<PageOutcome> CommitAsync()
        {
            var batch = read.Take();
            var started = clock.GetTimestamp();
            PageOutcome outcome;
            try
            {
                // Committing pages already read is quick and keeps their progress: shutdown waits for it.
                outcome = await writer.CommitAsync(claim, batch, CancellationToken.None);
            }
            catch
            {
                commitFailed = true;
                throw;
            }
            log.LogDebug("{Items} items committed in {CommitMs:F0} ms", outcome.Items, clock.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref commits);
            Interlocked.Add(ref items, outcome.Items);
            Interlocked.Add(ref recorded, outcome.TouchesRecorded);
            if (!claim.BackfillDone && (commits % 5 == 0 || outcome.RoundComplete))
                log.LogInformation("Backfill of rep {RepId} {Stream}: {Items} items, {Touches} new touches so far{Done}",
                    claim.RepId, claim.Stream, items, recorded, outcome.RoundComplete ? " (complete)" : "");
            return outcome;
        }

        // Waits for the commit under way, if any; its failure surfaces here.
        async Task SettleAsync()
        {
            if (committing is not { } pending) return;
            committing = null;
            await pending;
        }

        // A failure or a shutdown keeps what was read before it, unless an earlier commit failed.
        async Task CommitReadAsync()
        {
            try
            {
                await SettleAsync();
                if (read.Count == 0 || commitFailed) return;
                await CommitAsync();
            }
            catch (LeaseLostException lost)
            {
                log.LogWarning("{Message}", lost.Message);
            }
            catch (Exception e)
            {
                log.LogError(e, "Could not commit the pages of rep {RepId} {Stream} read before stopping; they are read again next round", claim.RepId, claim.Stream);
            }
        }

        // Reads the next page. When that takes long (Graph throttling, a hung connection) the pages already
        // read are committed while it is under way, once they have waited a third of the lease: a slow or
        // failing page never holds back the ones before it for long, and the lease never lapses on them.
        async Task<DeltaPage> ReadCommittingMeanwhileAsync(string? from, CancellationToken ct)
        {
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var next = reader.ReadAsync(claim.Mailbox, claim.Stream, from, reading.Token);
            if (read.Count == 0 || committing is not null) return await next;
            using (var patience = new CancellationTokenSource())
            {
                var left = Patience - clock.GetElapsedTime(read.FirstReadAt);
                var waited = await Task.WhenAny(next, Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, patience.Token));
                await patience.CancelAsync();
                if (waited == next) return await next;
            }
            try
            {
                await CommitAsync();
            }
            catch
            {
                // The stream stops here: the read must not outlive it.
                await reading.CancelAsync();
                try
                {
                    await next;
                }
                catch (Exception)
                {
                }
                throw;
            }
            return await next;
        }

        try
        {
            while (!stopping.IsCancellationRequested)
            {
                DeltaPage page;
                try
                {
                    page = await ReadCommittingMeanwhileAsync(link, stopping);
                }
                catch (SyncStateLostException lost) when (!restarted)
                {
                    log.LogWarning(lost, "Graph lost the sync state of {Stream} for rep {RepId}; starting the stream again", claim.Stream, claim.RepId);
                    // What was committed stays; the pages read since are read again with everything else.
                    await SettleAsync();
                    read.Clear();
                    await leases.RestartAsync(claim, CancellationToken.None);
                    restarted = true;
                    link = null;
                    continue;
                }

                pages++;
                read.Add(page, clock.GetTimestamp());
                link = page.NextLink ?? page.DeltaLink;
                if (committing is { IsCompleted: true }) await SettleAsync();
                if (page.NextLink is not null && read.Items < options.Value.ItemsPerCommit && clock.GetElapsedTime(read.FirstReadAt) < Patience) continue;

                await SettleAsync();
                if (page.NextLink is not null)
                {
                    // Committed while the next pages are read: reading and writing overlap even for a stream alone.
                    committing = CommitAsync();
                    continue;
                }

                await CommitAsync();
                if (claim.Stream == MailboxStream.Calendar) await MarkEndedMeetingsHeldAsync(claim);
                await leases.ReleaseAsync(claim, CancellationToken.None);
                log.LogInformation("Synced rep {RepId} {Stream}: {Pages} pages, {Items} items, {Touches} new touches",
                    claim.RepId, claim.Stream, pages, items, recorded);
                return new StreamOutcome(claim, true, pages, items, recorded, null);
            }

            // Shutdown: the last committed link is where the next worker carries on.
            await CommitReadAsync();
            await leases.ReleaseAsync(claim, CancellationToken.None);
            log.LogInformation("Stopped rep {RepId} {Stream} at a page boundary after {Pages} pages", claim.RepId, claim.Stream, pages);
            return new StreamOutcome(claim, false, pages, items, recorded, "Stopped before the round completed.");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await CommitReadAsync();
            await leases.ReleaseAsync(claim, CancellationToken.None);
            log.LogInformation("Stopped rep {RepId} {Stream} during a Graph call; {Items} items were committed", claim.RepId, claim.Stream, items);
            return new StreamOutcome(claim, false, pages, items, recorded, "Stopped before the round completed.");
        }
        catch (LeaseLostException lost)
        {
            log.LogWarning("{Message}", lost.Message);
            return new StreamOutcome(claim, false, pages, items, recorded, lost.Message);
        }
        catch (Exception e)
        {
            var reason = Describe(e);
            log.LogError(e, "Sync of rep {RepId} {Stream} failed: {Reason}", claim.RepId, claim.Stream, reason);
            await CommitReadAsync();
            await leases.RecordFailureAsync(claim, reason, CancellationToken.None);
            return new StreamOutcome(claim, false, pages, items, recorded, reason);
        }
    }

    /// <summary>How long pages read may wait for their commit: a third of the lease, which each commit extends.</summary>
    private TimeSpan Patience => options.Value.LeaseDuration / 3;

    /// <summary>The pages read since the last commit, in order.</summary>
    private sealed class PagesRead
    {
        private readonly List<DeltaPage> pages = [];

        public int Count => pages.Count;
        public int Items { get; private set; }
        public long FirstReadAt { get; private set; }

        public void Add(DeltaPage page, long readAt)
        {
            if (pages.Count == 0) FirstReadAt = readAt;
            pages.Add(page);
            Items += page.ItemCount;
        }

        /// <summary>The pages as one, emptying the list.</summary>
        public DeltaPage Take()
        {
            var taken = DeltaPage.Concat(pages);
            Clear();
            return taken;
        }

        public void Clear()
        {
            pages.Clear();
            Items = 0;
        }
    }

    /// <summary>Still under the stream's lease. A failure here leaves the round's pages committed: the next round tries again.</summary>
    private async Task MarkEndedMeetingsHeldAsync(MailboxClaim claim)
    {
        try
        {
            var held = await meetings.MarkEndedHeldAsync(claim.RepId, CancellationToken.None);
            if (held > 0) log.LogInformation("{Held} meetings of rep {RepId} have ended and count as held", held, claim.RepId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Could not mark the ended meetings of rep {RepId} as held; the next calendar round tries again", claim.RepId);
        }
    }

    /// <summary>A reason a manager can act on, from the status endpoint.</summary>
    private static string Describe(Exception e) => e switch
    {
        Microsoft.Graph.Models.ODataErrors.ODataError { Error: { } error } odata => $"Graph {odata.ResponseStatusCode} {error.Code}: {error.Message}",
        Microsoft.Kiota.Abstractions.ApiException api => $"Graph {api.ResponseStatusCode}: {api.Message}",
        HttpRequestException http => $"Graph unreachable: {http.Message}",
        Polly.Timeout.TimeoutRejectedException => "Graph did not answer in time.",
        SyncStateLostException => "Graph lost the sync state twice in a row.",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
