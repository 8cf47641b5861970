using LeadMail.Api.Auth;
using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Sync;

public sealed record SyncStatusServices(LeadMailDb Db, TimeProvider Clock);

/// <summary>One stream (Inbox, SentItems, Calendar) of one rep's mailbox, as the sync worker last left it.</summary>
public sealed record MailboxStreamStatus
{
    public MailboxStream Stream { get; init; }
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
}

public sealed record MailboxStatus(int RepId, string Email, string DisplayName, bool SyncEnabled, IReadOnlyList<MailboxStreamStatus> Streams);

public sealed record SyncStatus(DateTime At, int Mailboxes, int StreamsInError, IReadOnlyList<MailboxStatus> Items);

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
            .OrderBy(s => s.Rep!.DisplayName).ThenBy(s => s.RepId).ThenBy(s => s.Stream)
            .Select(s => new
            {
                s.RepId,
                s.Rep!.Email,
                s.Rep.DisplayName,
                s.Rep.SyncEnabled,
                Sync = s,
            })
            .ToListAsync(ct);

        var items = rows.GroupBy(r => new { r.RepId, r.Email, r.DisplayName, r.SyncEnabled })
            .Select(g => new MailboxStatus(g.Key.RepId, g.Key.Email, g.Key.DisplayName, g.Key.SyncEnabled, g.Select(r => new MailboxStreamStatus
            {
                Stream = r.Sync.Stream,
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
            }).ToList()))
            .ToList();
        return TypedResults.Ok(new SyncStatus(now, items.Count, rows.Count(r => r.Sync.Status == MailboxSyncStatus.Error), items));
    }
}
