using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Notifications;

/// <summary>
/// Subscription upkeep, the worker's stage for change notifications: every synced mailbox has a subscription on
/// its messages and one on its events while <c>Sync:NotificationUrl</c> is set. Each is created with a fresh
/// clientState secret, renewed at half its life or when Graph asks (reauthorizationRequired), created again when
/// Graph forgot it (404, subscriptionRemoved, expiry), and deleted when the rep stops syncing or notifications are
/// switched off. Each subscription records its own failures, so one failing mailbox neither stops the others nor
/// the delta streams, and shows in the status like a stream.
/// </summary>
public sealed class SubscriptionUpkeep(LeadMailDb db, GraphSubscriptions graph, WorkerIdentity worker, IOptions<SyncOptions> options, TimeProvider clock,
    ILogger<SubscriptionUpkeep> log)
{
    private static readonly SubscriptionResource[] Resources = [SubscriptionResource.Messages, SubscriptionResource.Events];

    public async Task RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await AddMissingAsync(settings.NotificationsEnabled, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var renewBy = now + settings.SubscriptionLifetime / 2;
        var enabled = settings.NotificationsEnabled;
        var notificationUrl = settings.NotificationUrl;
        var lifecycleUrl = settings.LifecycleNotificationUrl;
        var work = await db.MailSubscriptions.AsNoTracking()
            .Where(s => s.LeaseOwner == null || s.LeaseExpiresAt == null || s.LeaseExpiresAt < now)
            .Where(s => !enabled || !s.Rep!.Active || !s.Rep.SyncEnabled
                || s.GraphSubscriptionId == null || s.RemovedAt != null || s.RenewRequestedAt != null || s.ExpiresAt == null || s.ExpiresAt <= renewBy
                || s.NotificationUrl != notificationUrl || s.LifecycleNotificationUrl != lifecycleUrl)
            .Select(s => new { Subscription = s, Mailbox = s.Rep!.EntraObjectId ?? s.Rep.Email, Wanted = enabled && s.Rep.Active && s.Rep.SyncEnabled })
            .ToListAsync(ct);
        foreach (var item in work)
        {
            ct.ThrowIfCancellationRequested();
            if (!await ClaimAsync(item.Subscription.Id, now, ct)) continue;
            try
            {
                if (!item.Wanted) await EndAsync(item.Subscription, ct);
                else await KeepAsync(item.Subscription, item.Mailbox, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await ReleaseAsync(item.Subscription.Id);
                throw;
            }
            catch (Exception e)
            {
                await RecordFailureAsync(item.Subscription, e);
            }
        }
    }

    /// <summary>The rows every synced mailbox needs: one per resource.</summary>
    private async Task AddMissingAsync(bool enabled, CancellationToken ct)
    {
        if (!enabled) return;
        var repIds = await db.Reps.AsNoTracking().Where(r => r.Active && r.SyncEnabled).Select(r => r.Id).ToListAsync(ct);
        var existing = (await db.MailSubscriptions.AsNoTracking().Select(s => new { s.RepId, s.Resource }).ToListAsync(ct))
            .Select(s => (s.RepId, s.Resource)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var missing = repIds.SelectMany(id => Resources.Select(r => (RepId: id, Resource: r))).Where(p => !existing.Contains(p)).ToList();
        if (missing.Count == 0) return;
        foreach (var (repId, resource) in missing) db.MailSubscriptions.Add(new MailSubscription { RepId = repId, Resource = resource, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another worker added them at the same moment; the unique index kept one of each.
            log.LogDebug("Subscription rows were added concurrently by another worker");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task KeepAsync(MailSubscription subscription, string mailbox, CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var expiresAt = now + settings.SubscriptionLifetime;
        var gone = subscription.GraphSubscriptionId is null || subscription.RemovedAt is not null || subscription.ExpiresAt is not { } old || old <= now;
        // Registered at other URLs (the API moved, or a row from before the URLs were kept): Graph can change a
        // subscription's notificationUrl but not its lifecycleNotificationUrl, so it is made anew at the configured ones.
        var moved = subscription.NotificationUrl != settings.NotificationUrl || subscription.LifecycleNotificationUrl != settings.LifecycleNotificationUrl;
        if (!gone && !moved && await graph.RenewAsync(subscription.GraphSubscriptionId!, expiresAt, ct) is { } renewed)
        {
            log.LogInformation("Renewed the {Resource} subscription of rep {RepId} until {ExpiresAt:u}", subscription.Resource, subscription.RepId, renewed);
            await SucceededAsync(subscription.Id, subscription.GraphSubscriptionId!, null, renewed, ct);
            return;
        }

        var (secret, hash) = SubscriptionSecret.Create();
        var (id, expires) = await graph.CreateAsync(mailbox, subscription.Resource, secret, settings.NotificationUrl!, settings.LifecycleNotificationUrl!, expiresAt, ct);
        log.LogInformation("Created the {Resource} subscription {SubscriptionId} of rep {RepId} until {ExpiresAt:u}", subscription.Resource, id, subscription.RepId, expires);
        await SucceededAsync(subscription.Id, id, hash, expires, ct);
        if (!gone && moved) await DeleteReplacedAsync(subscription, ct);
    }

    /// <summary>
    /// The subscription at the old URLs, once its replacement is stored. Should Graph refuse, it expires by itself, and
    /// its notifications meanwhile name a subscription no row has any more, so they change nothing.
    /// </summary>
    private async Task DeleteReplacedAsync(MailSubscription replaced, CancellationToken ct)
    {
        try
        {
            await graph.DeleteAsync(replaced.GraphSubscriptionId!, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Could not delete the replaced {Resource} subscription {SubscriptionId} of rep {RepId}; it expires at {ExpiresAt:u}",
                replaced.Resource, replaced.GraphSubscriptionId, replaced.RepId, replaced.ExpiresAt);
        }
    }

    /// <summary>The rep stopped syncing, or notifications were switched off: Graph stops calling, the row goes.</summary>
    private async Task EndAsync(MailSubscription subscription, CancellationToken ct)
    {
        if (subscription.GraphSubscriptionId is { } id && subscription.RemovedAt is null) await graph.DeleteAsync(id, ct);
        await db.MailSubscriptions.Where(s => s.Id == subscription.Id && s.LeaseOwner == worker.Name).ExecuteDeleteAsync(ct);
        log.LogInformation("Deleted the {Resource} subscription of rep {RepId}", subscription.Resource, subscription.RepId);
    }

    private Task SucceededAsync(int rowId, string graphId, byte[]? newHash, DateTime expiresAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = db.MailSubscriptions.Where(s => s.Id == rowId && s.LeaseOwner == worker.Name);
        var (notificationUrl, lifecycleUrl) = (options.Value.NotificationUrl, options.Value.LifecycleNotificationUrl);
        return newHash is null
            ? rows.ExecuteUpdateAsync(set => Done(set, graphId, expiresAt, now), ct)
            : rows.ExecuteUpdateAsync(set => Done(set, graphId, expiresAt, now).SetProperty(s => s.ClientStateHash, newHash)
                .SetProperty(s => s.NotificationUrl, notificationUrl).SetProperty(s => s.LifecycleNotificationUrl, lifecycleUrl), ct);
    }

    private static Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<MailSubscription> Done(
        Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<MailSubscription> set, string graphId, DateTime expiresAt, DateTime now) => set
        .SetProperty(s => s.GraphSubscriptionId, graphId)
        .SetProperty(s => s.ExpiresAt, expiresAt)
        .SetProperty(s => s.RenewRequestedAt, (DateTime?)null)
        .SetProperty(s => s.RemovedAt, (DateTime?)null)
        .SetProperty(s => s.Status, MailboxSyncStatus.Synced)
        .SetProperty(s => s.LastSuccessAt, now)
        .SetProperty(s => s.LastError, (string?)null)
        .SetProperty(s => s.ConsecutiveFailures, 0)
        .SetProperty(s => s.LeaseOwner, (string?)null)
        .SetProperty(s => s.LeaseExpiresAt, (DateTime?)null);

    private async Task<bool> ClaimAsync(int id, DateTime now, CancellationToken ct) =>
        await db.MailSubscriptions.Where(s => s.Id == id && (s.LeaseOwner == null || s.LeaseExpiresAt == null || s.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.LeaseOwner, worker.Name)
                .SetProperty(s => s.LeaseExpiresAt, now + options.Value.LeaseDuration)
                .SetProperty(s => s.LastAttemptAt, now), ct) == 1;

    private Task ReleaseAsync(int id) =>
        db.MailSubscriptions.Where(s => s.Id == id && s.LeaseOwner == worker.Name)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseOwner, (string?)null).SetProperty(s => s.LeaseExpiresAt, (DateTime?)null));

    /// <summary>Past <c>Sync:FailuresBeforeError</c> in a row the subscription shows as in error and is raised; the next upkeep tries again.</summary>
    private async Task RecordFailureAsync(MailSubscription subscription, Exception e)
    {
        var reason = StreamHealth.Describe(e);
        var message = reason.Length <= 2000 ? reason : reason[..2000];
        var threshold = options.Value.FailuresBeforeError;
        log.LogError(e, "The {Resource} subscription of rep {RepId} could not be kept: {Reason}", subscription.Resource, subscription.RepId, reason);
        await db.MailSubscriptions.Where(s => s.Id == subscription.Id && s.LeaseOwner == worker.Name)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.ConsecutiveFailures, s => s.ConsecutiveFailures + 1)
                .SetProperty(s => s.LastError, message)
                .SetProperty(s => s.Status, s => s.ConsecutiveFailures + 1 >= threshold ? MailboxSyncStatus.Error : MailboxSyncStatus.Failing)
                .SetProperty(s => s.LeaseOwner, (string?)null)
                .SetProperty(s => s.LeaseExpiresAt, (DateTime?)null));
        if (subscription.ConsecutiveFailures + 1 >= threshold)
            log.LogWarning("The {Resource} subscription of rep {RepId} has failed {Failures} times in a row and is raised: {Reason}",
                subscription.Resource, subscription.RepId, subscription.ConsecutiveFailures + 1, reason);
    }
}
