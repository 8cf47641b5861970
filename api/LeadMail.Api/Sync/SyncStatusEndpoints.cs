using LeadMail.Api.Auth;
using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Sync;

public sealed record SyncStatusServices(LeadMailDb Db, TimeProvider Clock);

/// <summary>
/// One stream (Inbox, SentItems, Calendar, Folders, History, or one more MailFolder) of one rep's mailbox, as the sync worker
/// last left it; or one of its change-notification subscriptions (Subscription), whose last success is its last
/// create or renewal.
/// </summary>
public sealed record MailboxStreamStatus
{
    public MailboxStream Stream { get; init; }

    /// <summary>The Graph folder id of a MailFolder stream; empty for the others.</summary>
    public string FolderId { get; init; } = "";

    /// <summary>The folder's name as the mailbox shows it (Inbox, Sent Items, Archive…); null for the calendar and the folder list.</summary>
    public string? FolderName { get; init; }
    public MailboxSyncStatus Status { get; init; }
    public DateTime? LastSuccessAt { get; init; }
    public DateTime? LastAttemptAt { get; init; }

    /// <summary>Seconds since the stream was last caught up; null before its first full pass.</summary>
    public long? LagSeconds { get; init; }

    public string? LastError { get; init; }
    public int ConsecutiveFailures { get; init; }
    public long ItemsSynced { get; init; }
    public long TouchesRecorded { get; init; }
    public DateTime? BackfillCompletedAt { get; init; }
    public int Resyncs { get; init; }

    /// <summary>Whether a worker holds the stream right now (it is being synced).</summary>
    public bool InProgress { get; init; }

    /// <summary>When a page of the stream last committed (a backfill in progress commits long before it is caught up).</summary>
    public DateTime? LastCommitAt { get; init; }

    /// <summary>Whether the last round stopped part-way: pages are waiting.</summary>
    public bool MidRound { get; init; }

    /// <summary>
    /// During a folder's backfill, the items it holds not read yet (from the folder's size); for the history stream, the
    /// new addresses' fetches (mail, meetings) from this mailbox not finished yet; null otherwise.
    /// </summary>
    public long? BacklogItems { get; init; }

    /// <summary>Failing repeatedly, or no success for an hour: someone should look (<see cref="RaisedReason"/>).</summary>
    public bool Raised { get; init; }

    public string? RaisedReason { get; init; }

    /// <summary>What a Subscription stream watches (the mailbox's messages or its events); null for the delta streams.</summary>
    public SubscriptionResource? SubscriptionResource { get; init; }

    /// <summary>When a Subscription stream ends unless renewed; null for the delta streams and before it was created.</summary>
    public DateTime? ExpiresAt { get; init; }

    /// <summary>When a change notification last nudged the stream to be read at once.</summary>
    public DateTime? NudgedAt { get; init; }
}

public sealed record MailboxStatus(int RepId, string Email, string DisplayName, bool SyncEnabled, IReadOnlyList<MailboxStreamStatus> Streams);

public sealed record SyncStatus(DateTime At, int Mailboxes, int StreamsInError, IReadOnlyList<MailboxStatus> Items)
{
    /// <summary>Streams that need someone to look at them (failing repeatedly, or no success for an hour).</summary>
    public int StreamsRaised { get; init; }
}

public static class SyncStatusEndpoints
{
    public static RouteGroupBuilder MapSyncEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Sync");
        group.MapGet("/status", Status).WithName("SyncStatus")
            .WithSummary("Where the mailbox sync stands per rep and stream: last success, lag, last error, items synced (managers only).")
            .RequireAuthorization(AppRoles.ManagerPolicy);
        return group;
    }

    public static async Task<Ok<SyncStatus>> Status([AsParameters] SyncStatusServices services, CancellationToken ct)
    {
        var now = services.Clock.GetUtcNow().UtcDateTime;
        var rows = await services.Db.MailboxSyncs.AsNoTracking()
            .OrderBy(s => s.Rep!.DisplayName).ThenBy(s => s.RepId).ThenBy(s => s.Stream).ThenBy(s => s.FolderName).ThenBy(s => s.FolderId)
            .Select(s => new
            {
                s.RepId,
                s.Rep!.Email,
                s.Rep.DisplayName,
                s.Rep.SyncEnabled,
                Sync = s,
            })
            .ToListAsync(ct);
        var subscriptions = (await services.Db.MailSubscriptions.AsNoTracking().OrderBy(s => s.RepId).ThenBy(s => s.Resource).ToListAsync(ct))
            .ToLookup(s => s.RepId);
        var historyBacklog = await services.Db.HistoryFetches.AsNoTracking().Where(f => f.CompletedAt == null)
            .GroupBy(f => f.RepId).Select(g => new { RepId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RepId, g => (long)g.Count, ct);

        var items = rows.GroupBy(r => new { r.RepId, r.Email, r.DisplayName, r.SyncEnabled })
            .Select(g => new MailboxStatus(g.Key.RepId, g.Key.Email, g.Key.DisplayName, g.Key.SyncEnabled, g.Select(r => new MailboxStreamStatus
            {
                NudgedAt = r.Sync.NudgedAt,
                Stream = r.Sync.Stream,
                FolderId = r.Sync.FolderId,
                FolderName = r.Sync.FolderName,
                Status = r.Sync.Status,
                LastSuccessAt = r.Sync.LastSuccessAt,
                LastAttemptAt = r.Sync.LastAttemptAt,
                LagSeconds = r.Sync.LastSuccessAt is { } success ? (long)Math.Max(0, (now - success).TotalSeconds) : null,
                LastError = r.Sync.LastError,
                ConsecutiveFailures = r.Sync.ConsecutiveFailures,
                ItemsSynced = r.Sync.ItemsSynced,
                TouchesRecorded = r.Sync.TouchesRecorded,
                BackfillCompletedAt = r.Sync.BackfillCompletedAt,
                Resyncs = r.Sync.Resyncs,
                InProgress = r.Sync.LeaseOwner != null && r.Sync.LeaseExpiresAt > now,
                LastCommitAt = r.Sync.LastCommitAt,
                MidRound = r.Sync.MidRound,
                BacklogItems = r.Sync.Stream == MailboxStream.History ? historyBacklog.GetValueOrDefault(r.RepId)
                    : r.Sync.BackfillCompletedAt is null && r.Sync.FolderItemCount is { } size ? Math.Max(0, size - r.Sync.ItemsSynced) : null,
                Raised = r.SyncEnabled && StreamAlarm.Reason(r.Sync, now) is not null,
                RaisedReason = r.SyncEnabled ? StreamAlarm.Reason(r.Sync, now) : null,
            }).Concat(subscriptions[g.Key.RepId].Select(sub => SubscriptionStatus(sub, g.Key.SyncEnabled, now))).ToList()))
            .ToList();
        var inError = rows.Count(r => r.Sync.Status == MailboxSyncStatus.Error) + subscriptions.Sum(g => g.Count(s => s.Status == MailboxSyncStatus.Error));
        return TypedResults.Ok(new SyncStatus(now, items.Count, inError, items)
        {
            StreamsRaised = items.Sum(i => i.Streams.Count(s => s.Raised)),
        });
    }

    private static MailboxStreamStatus SubscriptionStatus(MailSubscription subscription, bool syncEnabled, DateTime now)
    {
        var reason = syncEnabled ? StreamAlarm.Reason(subscription, now) : null;
        return new MailboxStreamStatus
        {
            Stream = MailboxStream.Subscription,
            SubscriptionResource = subscription.Resource,
            Status = subscription.Status,
            LastSuccessAt = subscription.LastSuccessAt,
            LastAttemptAt = subscription.LastAttemptAt,
            LagSeconds = subscription.LastSuccessAt is { } success ? (long)Math.Max(0, (now - success).TotalSeconds) : null,
            LastError = subscription.LastError,
            ConsecutiveFailures = subscription.ConsecutiveFailures,
            InProgress = subscription.LeaseOwner != null && subscription.LeaseExpiresAt > now,
            ExpiresAt = subscription.ExpiresAt,
            Raised = reason is not null,
            RaisedReason = reason,
        };
    }
}
