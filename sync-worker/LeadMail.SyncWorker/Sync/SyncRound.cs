using LeadMail.Core.Persistence;
using LeadMail.Core.Scoring;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>What a round (or a run of the continuous loop) did, stream by stream.</summary>
public sealed record RoundReport(IReadOnlyList<StreamOutcome> Streams)
{
    public bool AllSucceeded => Streams.All(s => s.Succeeded);
    public int TouchesRecorded => Streams.Sum(s => s.TouchesRecorded);
    public int Items => Streams.Sum(s => s.Items);
}

/// <summary>
/// The round loop: claims due streams and syncs each on its own task, up to
/// <c>Sync:MaxConcurrentStreams</c> at once. A stream is a slot, not a batch member: when one
/// finishes the next due one starts, so a slow mailbox holds one slot and never the others.
/// Each mailbox has at most Sync:MaxStreamsPerMailbox streams in flight, each one request at a time, inside
/// Graph's four concurrent requests per mailbox.
/// </summary>
public sealed class SyncRound(IServiceScopeFactory scopes, FollowedScoringRules scoring, IOptions<SyncOptions> options, TimeProvider clock, ILogger<SyncRound> log)
{
    /// <param name="once">One pass over every stream due now, then return; otherwise run until <paramref name="stopping"/>.</param>
    public async Task<RoundReport> RunAsync(bool once, CancellationToken stopping)
    {
        var inFlight = new Dictionary<int, Task<StreamOutcome>>();
        var started = new HashSet<int>();
        var outcomes = new List<StreamOutcome>();
        var settings = options.Value;
        var ensured = false;
        // A one-off round counts in passes of the loop; the continuous loop counts clock time, however often streams end.
        var passesPerEnsure = Math.Max(1, (int)Math.Round(settings.DispatchInterval / settings.EffectiveDispatchInterval));
        var passes = 0;
        DateTimeOffset? ensuredAt = null;
        DateTimeOffset? claimedAt = null;
        // Between dispatch passes a nudge is looked for cheaply, so a notified mailbox waits a fraction of the tick.
        var lookForNudges = !once && settings.NotificationsEnabled && SyncOptions.NudgeCheckInterval < settings.EffectiveDispatchInterval;
        var tickEvery = lookForNudges ? SyncOptions.NudgeCheckInterval : settings.EffectiveDispatchInterval;
        var slotFreed = true;
        DateTimeOffset? alarmsCheckedAt = null;
        Task? upkeep = null;
        DateTimeOffset? upkeepStartedAt = null;

        while (true)
        {
            if (!stopping.IsCancellationRequested)
            {
                // Subscriptions beside the streams, on their own task: a slow or failing Graph /subscriptions holds up no stream.
                if (upkeep is null or { IsCompleted: true } && (upkeepStartedAt is null || !once && clock.GetUtcNow() - upkeepStartedAt >= settings.SubscriptionCheckInterval))
                {
                    upkeepStartedAt = clock.GetUtcNow();
                    upkeep = Task.Run(() => KeepSubscriptionsAsync(stopping), CancellationToken.None);
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var leases = scope.ServiceProvider.GetRequiredService<MailboxLeases>();
                    var now = clock.GetUtcNow();
                    // A full pass when a slot is free again or the dispatch interval has passed, else only for a nudge.
                    var claimNow = once || slotFreed || claimedAt is not { } last || now - last >= settings.EffectiveDispatchInterval
                        || (lookForNudges && await leases.AnyNudgedAsync(stopping));
                    if (claimNow)
                    {
                        claimedAt = now;
                        // Before any stream starts, then every Sync:DispatchInterval even when the tick is shorter for nudges:
                        // an API restarted with new weights has rebuilt the scores, and reps may have opted in.
                        if (once ? passes++ % passesPerEnsure == 0 : ensuredAt is not { } at || now - at >= settings.DispatchInterval)
                        {
                            ensuredAt = now;
                            await scoring.RefreshAsync(scope.ServiceProvider.GetRequiredService<LeadMailDb>(), stopping);
                            if (!ensured || !once)
                            {
                                await leases.EnsureStreamsAsync(stopping);
                                await scope.ServiceProvider.GetRequiredService<HistoryRequests>().QueueAsync(stopping);
                            }
                            ensured = true;
                        }
                        if (alarmsCheckedAt is not { } checkedAt || now - checkedAt >= settings.PollInterval)
                        {
                            alarmsCheckedAt = now;
                            await WarnRaisedAsync(leases, stopping);
                        }
                        // In a one-off round a stream runs once even if it comes due again meanwhile.
                        var skip = once ? started : inFlight.Keys.ToHashSet();
                        foreach (var claim in await leases.ClaimDueAsync(settings.MaxConcurrentStreams - inFlight.Count, skip, stopping))
                        {
                            started.Add(claim.SyncId);
                            inFlight[claim.SyncId] = Task.Run(() => SyncStreamAsync(claim, stopping), CancellationToken.None);
                        }
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                }
                catch (Exception e) when (!once)
                {
                    // The database may be briefly unavailable; the next tick tries again.
                    log.LogError(e, "Could not claim due mailbox streams");
                }
            }

            if (inFlight.Count == 0 && (once || stopping.IsCancellationRequested)) break;

            var tick = once || stopping.IsCancellationRequested || inFlight.Count == settings.MaxConcurrentStreams ? null : DelayAsync(tickEvery, stopping);
            var waitFor = inFlight.Values.Cast<Task>().ToList();
            if (tick is not null) waitFor.Add(tick);
            await Task.WhenAny(waitFor);
            slotFreed = false;
            foreach (var (id, task) in inFlight.Where(kv => kv.Value.IsCompleted).ToList())
            {
                outcomes.Add(await task);
                inFlight.Remove(id);
                slotFreed = true;
            }
        }

        if (upkeep is not null) await upkeep;
        var report = new RoundReport(outcomes);
        log.LogInformation("Sync round finished: {Streams} streams, {Failed} failed, {Items} items, {Touches} new touches",
            outcomes.Count, outcomes.Count(o => !o.Succeeded), report.Items, report.TouchesRecorded);
        return report;
    }

    /// <summary>Every stream that failed repeatedly or has not succeeded for an hour, at Warning: mail that stops is never silent.</summary>
    private async Task WarnRaisedAsync(MailboxLeases leases, CancellationToken ct)
    {
        foreach (var (stream, email, reason) in await leases.RaisedAsync(ct))
            log.LogWarning("Stream {Stream} {Folder} of {Mailbox} (rep {RepId}) is raised: {Reason}",
                stream.Stream, stream.FolderName ?? stream.FolderId, email, stream.RepId, reason);
    }

    /// <summary>Subscription upkeep; its failures are logged and recorded per subscription, never thrown into the round.</summary>
    private async Task KeepSubscriptionsAsync(CancellationToken stopping)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Notifications.SubscriptionUpkeep>().RunAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            log.LogError(e, "Subscription upkeep failed; the delta streams go on and it runs again at the next check");
        }
    }

    private async Task<StreamOutcome> SyncStreamAsync(MailboxClaim claim, CancellationToken stopping)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<StreamSync>().RunAsync(claim, stopping);
        }
        catch (Exception e)
        {
            log.LogError(e, "Stream {Stream} of rep {RepId} failed outside its own error handling", claim.Stream, claim.RepId);
            return new StreamOutcome(claim, false, 0, 0, 0, e.Message);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, clock, stopping);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>The continuous worker: the round loop until the host stops.</summary>
public sealed class SyncService(SyncRound round) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => round.RunAsync(once: false, stoppingToken);
}
