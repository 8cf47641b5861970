using LeadMail.Core.Sync;

namespace LeadMail.SyncWorker.Sync;

/// <summary>How one claimed stream's round ended.</summary>
public sealed record StreamOutcome(MailboxClaim Claim, bool Succeeded, int Pages, int Items, int TouchesRecorded, string? Error);

/// <summary>
/// One claimed stream, page by page: read (<see cref="DeltaPageReader"/>), commit touches with the link
/// (<see cref="TouchWriter"/>), until the delta link. Stops only at a page boundary: a page that was read
/// is committed even when shutdown is asked for meanwhile, and no new page is read after that.
/// </summary>
public sealed class StreamSync(DeltaPageReader reader, TouchWriter writer, MailboxLeases leases, MeetingOutcomes meetings, ILogger<StreamSync> log)
{
    public async Task<StreamOutcome> RunAsync(MailboxClaim claim, CancellationToken stopping)
    {
        using var scope = log.BeginScope(new Dictionary<string, object> { ["RepId"] = claim.RepId, ["Mailbox"] = claim.Mailbox, ["Stream"] = claim.Stream });
        var link = claim.Link;
        int pages = 0, items = 0, recorded = 0;
        var restarted = false;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                DeltaPage page;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    page = await reader.ReadAsync(claim.Mailbox, claim.Stream, link, stopping);
                }
                catch (SyncStateLostException lost) when (!restarted)
                {
                    log.LogWarning(lost, "Graph lost the sync state of {Stream} for rep {RepId}; starting the stream again", claim.Stream, claim.RepId);
                    await leases.RestartAsync(claim, CancellationToken.None);
                    restarted = true;
                    link = null;
                    continue;
                }

                // Committing a page already read is quick and keeps its progress: shutdown waits for it.
                var read = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                var outcome = await writer.CommitAsync(claim, page, CancellationToken.None);
                log.LogDebug("Page of {Items} items read in {ReadMs:F0} ms, committed in {CommitMs:F0} ms",
                    outcome.Items, read.TotalMilliseconds, (System.Diagnostics.Stopwatch.GetElapsedTime(started) - read).TotalMilliseconds);
                pages++;
                items += outcome.Items;
                recorded += outcome.TouchesRecorded;
                link = page.NextLink ?? page.DeltaLink;
                if (!claim.BackfillDone && (pages % 10 == 0 || outcome.RoundComplete))
                    log.LogInformation("Backfill of rep {RepId} {Stream}: {Pages} pages, {Items} items, {Touches} new touches so far{Done}",
                        claim.RepId, claim.Stream, pages, items, recorded, outcome.RoundComplete ? " (complete)" : "");
                if (outcome.RoundComplete)
                {
                    if (claim.Stream == MailboxStream.Calendar) await MarkEndedMeetingsHeldAsync(claim);
                    await leases.ReleaseAsync(claim, CancellationToken.None);
                    log.LogInformation("Synced rep {RepId} {Stream}: {Pages} pages, {Items} items, {Touches} new touches",
                        claim.RepId, claim.Stream, pages, items, recorded);
                    return new StreamOutcome(claim, true, pages, items, recorded, null);
                }
            }

            // Shutdown: the last committed link is where the next worker carries on.
            await leases.ReleaseAsync(claim, CancellationToken.None);
            log.LogInformation("Stopped rep {RepId} {Stream} at a page boundary after {Pages} pages", claim.RepId, claim.Stream, pages);
            return new StreamOutcome(claim, false, pages, items, recorded, "Stopped before the round completed.");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await leases.ReleaseAsync(claim, CancellationToken.None);
            log.LogInformation("Stopped rep {RepId} {Stream} during a Graph call; {Pages} pages were committed", claim.RepId, claim.Stream, pages);
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
            await leases.RecordFailureAsync(claim, reason, CancellationToken.None);
            return new StreamOutcome(claim, false, pages, items, recorded, reason);
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
