namespace LeadMail.Core.Sync;

/// <summary>
/// When a mailbox stream needs someone to look at it: it has failed repeatedly, or it has not succeeded for an
/// hour. The status endpoint shows it and the worker logs it at Warning, so mail that stops syncing while the
/// calendar goes on is never silent.
/// </summary>
public static class StreamAlarm
{
    /// <summary>How long a stream may go without a success (a completed round or, during a backfill, a committed page).</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromHours(1);

    /// <returns>Why the stream is raised, or null when it is healthy.</returns>
    public static string? Reason(MailboxSync sync, DateTime now)
    {
        if (sync.Status == MailboxSyncStatus.Error)
            return $"Failed {sync.ConsecutiveFailures} times in a row: {sync.LastError}";
        var success = Max(sync.LastSuccessAt, sync.LastCommitAt) ?? sync.CreatedAt;
        if (success is { } at && now - at > Silence)
            return sync.LastSuccessAt is null && sync.LastCommitAt is null
                ? $"Has not succeeded since it was added {(int)(now - at).TotalMinutes} minutes ago."
                : $"Has not succeeded for {(int)(now - at).TotalMinutes} minutes.";
        return null;
    }

    /// <returns>Why a subscription is raised (failing repeatedly, or expired without renewal), or null when it is healthy.</returns>
    public static string? Reason(MailSubscription subscription, DateTime now)
    {
        if (subscription.Status == MailboxSyncStatus.Error)
            return $"Failed {subscription.ConsecutiveFailures} times in a row: {subscription.LastError}";
        if (subscription.ExpiresAt is { } expires && expires <= now)
            return $"Expired {(int)(now - expires).TotalMinutes} minutes ago without renewal; polling alone keeps the mailbox in sync.";
        if (subscription.GraphSubscriptionId is null && subscription.CreatedAt is { } added && now - added > Silence)
            return $"Has not been created since it was added {(int)(now - added).TotalMinutes} minutes ago.";
        return null;
    }

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
