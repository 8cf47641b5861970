namespace LeadMail.SyncWorker.Sync;

/// <summary>Where a run stopped short of the delta link on shutdown.</summary>
public enum StopPoint
{
    /// <summary>Between pages: no new page was read.</summary>
    PageBoundary,

    /// <summary>During a Graph call, which was abandoned.</summary>
    GraphCall,
}

/// <summary>
/// Stream health: how a run ends on its stream's row, which <c>GET /api/sync/status</c> shows. A completed
/// or stopped run gives the lease back at once; a failed one records its reason, counting towards
/// <c>Sync:FailuresBeforeError</c>; a lost sync state starts the stream again from scratch. Each ending is
/// logged with the run's figures.
/// </summary>
public sealed class StreamHealth(MailboxLeases leases, FolderStreams folders, Microsoft.Extensions.Options.IOptions<SyncOptions> options, ILogger<StreamHealth> log)
{
    /// <summary>The round reached its delta link, committed.</summary>
    public async Task<StreamOutcome> CompletedAsync(MailboxClaim claim, StreamProgress progress)
    {
        await leases.ReleaseAsync(claim, CancellationToken.None);
        log.LogInformation("Synced rep {RepId} {Stream}: {Pages} pages, {Items} items, {Touches} new touches",
            claim.RepId, claim.Stream, progress.Pages, progress.Items, progress.TouchesRecorded);
        return progress.Outcome(claim, true, null);
    }

    /// <summary>Shutdown, the pages read committed: the last committed link is where the next worker carries on.</summary>
    public async Task<StreamOutcome> StoppedAsync(MailboxClaim claim, StreamProgress progress, StopPoint at)
    {
        await leases.ReleaseAsync(claim, CancellationToken.None);
        if (at == StopPoint.PageBoundary)
            log.LogInformation("Stopped rep {RepId} {Stream} at a page boundary after {Pages} pages", claim.RepId, claim.Stream, progress.Pages);
        else
            log.LogInformation("Stopped rep {RepId} {Stream} during a Graph call; {Items} items were committed", claim.RepId, claim.Stream, progress.Items);
        return progress.Outcome(claim, false, "Stopped before the round completed.");
    }

    /// <summary>Another worker holds the stream now: nothing is written to its row. A folder's stream whose row is gone has ended (the folder was deleted).</summary>
    public async Task<StreamOutcome> LeaseLostAsync(MailboxClaim claim, StreamProgress progress, LeaseLostException lost)
    {
        if (claim.Stream == LeadMail.Core.Sync.MailboxStream.MailFolder && !await leases.ExistsAsync(claim, CancellationToken.None))
        {
            log.LogInformation("The folder {Folder} of rep {RepId} left the mailbox while it was read; its stream has ended", claim.FolderId, claim.RepId);
            return progress.Outcome(claim, true, null);
        }
        log.LogWarning("{Message}", lost.Message);
        return progress.Outcome(claim, false, lost.Message);
    }

    /// <summary>Records the failure on the stream with a reason a manager can act on, and gives the lease back; the next poll tries again.</summary>
    public async Task<StreamOutcome> FailedAsync(MailboxClaim claim, StreamProgress progress, Exception e)
    {
        var reason = Describe(e);
        log.LogError(e, "Sync of rep {RepId} {Stream} failed: {Reason}", claim.RepId, claim.Stream, reason);
        var failures = await leases.RecordFailureAsync(claim, reason, CancellationToken.None);
        if (failures >= options.Value.FailuresBeforeError)
            log.LogWarning("Stream {Stream} {Folder} of rep {RepId} has failed {Failures} times in a row and is raised: {Reason}",
                claim.Stream, claim.FolderId, claim.RepId, failures, reason);
        return progress.Outcome(claim, false, reason);
    }

    /// <summary>The folder the stream reads was deleted from the mailbox: the stream ends (its touches stay).</summary>
    public async Task<StreamOutcome> FolderGoneAsync(MailboxClaim claim, StreamProgress progress, FolderGoneException gone)
    {
        log.LogInformation("{Message} The stream of rep {RepId} ends.", gone.Message, claim.RepId);
        await folders.EndAsync(claim.RepId, [claim.FolderId], CancellationToken.None);
        return progress.Outcome(claim, true, null);
    }

    /// <summary>Graph lost the stream's sync state: its link is forgotten and the round starts from scratch.</summary>
    public Task RestartAsync(MailboxClaim claim, SyncStateLostException lost)
    {
        log.LogWarning(lost, "Graph lost the sync state of {Stream} for rep {RepId}; starting the stream again", claim.Stream, claim.RepId);
        return leases.RestartAsync(claim, CancellationToken.None);
    }

    /// <summary>A reason a manager can act on, from the status endpoint.</summary>
    public static string Describe(Exception e) => e switch
    {
        Microsoft.Graph.Models.ODataErrors.ODataError { Error: { } error } odata => $"Graph {odata.ResponseStatusCode} {error.Code}: {error.Message}",
        Microsoft.Kiota.Abstractions.ApiException api => $"Graph {api.ResponseStatusCode}: {api.Message}",
        HttpRequestException http => $"Graph unreachable: {http.Message}",
        Polly.Timeout.TimeoutRejectedException => "Graph did not answer in time.",
        SyncStateLostException => "Graph lost the sync state twice in a row.",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
