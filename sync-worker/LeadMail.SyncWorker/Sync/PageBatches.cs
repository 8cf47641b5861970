namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// One run's batching: the pages read and not yet committed, and the batch committing meanwhile. Pages read
/// one after another commit together with the last one's link (<see cref="TouchWriter"/>), up to
/// <c>Sync:ItemsPerCommit</c> items and a third of the lease after the first of them was read. Batches
/// commit in order, one at a time; after a failed commit nothing read later commits, since its link would
/// skip the failed pages.
/// </summary>
internal sealed class PageBatches(MailboxClaim claim, TouchWriter writer, StreamProgress progress, SyncOptions options, TimeProvider clock, ILogger log)
{
    private readonly PagesRead read = new();

    // The previous batch's commit, under way while the next pages are read. Everything else that uses the
    // database (the lease, the meetings sweep) waits for it too: they share one context.
    private Task<PageOutcome>? committing;
    private bool commitFailed;

    /// <summary>How long pages read may wait for their commit: a third of the lease, which each commit extends.</summary>
    private TimeSpan Patience => options.LeaseDuration / 3;

    public void Add(DeltaPage page) => read.Add(page, clock.GetTimestamp());

    /// <summary>Whether the pages read wait for more: the round goes on, and they are neither enough nor waiting too long.</summary>
    public bool Waits(DeltaPage last) =>
        last.NextLink is not null && read.Items < options.ItemsPerCommit && clock.GetElapsedTime(read.FirstReadAt) < Patience;

    /// <summary>
    /// Reads the page after <paramref name="link"/>. When that takes long (Graph throttling, a hung connection)
    /// the pages already read are committed while it is under way, once they have waited a third of the lease:
    /// a slow or failing page never holds back the ones before it for long, and the lease never lapses on them.
    /// </summary>
    public async Task<DeltaPage> ReadAsync(IStreamKind kind, string? link, CancellationToken ct)
    {
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var next = kind.ReadPageAsync(claim, link, reading.Token);
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

    /// <summary>Commits the pages read so far in one transaction with the last one's link.</summary>
    public async Task<PageOutcome> CommitAsync()
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
        var commits = progress.Committed(outcome);
        if (!claim.BackfillDone && (commits % 5 == 0 || outcome.RoundComplete))
            log.LogInformation("Backfill of rep {RepId} {Stream}: {Items} items, {Touches} new touches so far{Done}",
                claim.RepId, claim.Stream, progress.Items, progress.TouchesRecorded, outcome.RoundComplete ? " (complete)" : "");
        return outcome;
    }

    /// <summary>Starts committing the pages read, and returns: reading and writing overlap even for a stream alone.</summary>
    public void CommitMeanwhile() => committing = CommitAsync();

    /// <summary>Waits for the commit under way, if any; its failure surfaces here.</summary>
    public async Task SettleAsync()
    {
        if (committing is not { } pending) return;
        committing = null;
        await pending;
    }

    /// <summary>Surfaces the commit under way only once it is done: reading goes on meanwhile.</summary>
    public Task SettleIfDoneAsync() => committing is { IsCompleted: true } ? SettleAsync() : Task.CompletedTask;

    /// <summary>Drops the pages read since the last commit, once it is done: they are read again with everything else.</summary>
    public async Task DiscardAsync()
    {
        await SettleAsync();
        read.Clear();
    }

    /// <summary>On a failure or a shutdown: keeps what was read before it, unless an earlier commit failed. Never throws.</summary>
    public async Task FlushAsync()
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
}
