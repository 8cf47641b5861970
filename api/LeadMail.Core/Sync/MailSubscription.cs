using LeadMail.Core.Reps;

namespace LeadMail.Core.Sync;

/// <summary>
/// A Graph change-notification subscription on one rep's mailbox (its messages or its events). The worker
/// creates, renews and deletes it; the API checks each notification's clientState against
/// <see cref="ClientStateHash"/> and nudges the mailbox's streams. Health is kept like a stream's, so the status
/// shows a subscription that stopped renewing.
/// </summary>
public class MailSubscription
{
    public int Id { get; set; }
    public int RepId { get; set; }
    public Rep? Rep { get; set; }
    public SubscriptionResource Resource { get; set; }

    /// <summary>Graph's id of the subscription; null before it was first created.</summary>
    public string? GraphSubscriptionId { get; set; }

    /// <summary>SHA-256 of the clientState secret sent with the subscription: the secret itself is never stored.</summary>
    public byte[]? ClientStateHash { get; set; }

    /// <summary>
    /// The <c>notificationUrl</c> and <c>lifecycleNotificationUrl</c> Graph was given: when the configured ones differ,
    /// the worker creates the subscription anew (Graph cannot change a subscription's lifecycle URL).
    /// </summary>
    public string? NotificationUrl { get; set; }

    /// <inheritdoc cref="NotificationUrl"/>
    public string? LifecycleNotificationUrl { get; set; }

    /// <summary>When Graph ends the subscription unless it is renewed first.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>Set by a reauthorizationRequired lifecycle notification: renew at the next upkeep.</summary>
    public DateTime? RenewRequestedAt { get; set; }

    /// <summary>Set by a subscriptionRemoved lifecycle notification: Graph dropped it, create a new one.</summary>
    public DateTime? RemovedAt { get; set; }

    /// <summary>Backfilling until first created; then Synced, Failing or Error like a stream.</summary>
    public MailboxSyncStatus Status { get; set; } = MailboxSyncStatus.Backfilling;

    public DateTime? CreatedAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }

    /// <summary>The last successful create or renewal.</summary>
    public DateTime? LastSuccessAt { get; set; }

    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }

    /// <summary>The worker renewing it now, so two workers never create it twice.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
}

/// <summary>What a subscription watches in a mailbox.</summary>
public enum SubscriptionResource
{
    /// <summary><c>users/{id}/messages</c>: every folder, which the mail streams read.</summary>
    Messages,

    /// <summary><c>users/{id}/events</c>: the calendar, which the calendar stream reads.</summary>
    Events,
}
