using LeadMail.Core.Sync;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace LeadMail.SyncWorker.Notifications;

/// <summary>
/// Graph's <c>/subscriptions</c> through the SDK: create, renew (PATCH expirationDateTime) and delete. Retries
/// (Retry-After on 429, backoff on 5xx and dropped connections) live in the HttpClient beneath, as for the delta pages.
/// </summary>
public sealed class GraphSubscriptions(GraphServiceClient graph)
{
    /// <summary>Every change to a message or an event: the delta round then tells what it was.</summary>
    public const string ChangeTypes = "created,updated,deleted";

    public static string ResourceOf(string mailbox, SubscriptionResource resource) =>
        resource == SubscriptionResource.Events ? $"users/{mailbox}/events" : $"users/{mailbox}/messages";

    /// <returns>Graph's id of the new subscription and when it expires.</returns>
    public async Task<(string Id, DateTime ExpiresAt)> CreateAsync(string mailbox, SubscriptionResource resource, string clientState,
        string notificationUrl, string lifecycleUrl, DateTime expiresAt, CancellationToken ct)
    {
        var created = await graph.Subscriptions.PostAsync(new Subscription
        {
            ChangeType = ChangeTypes,
            NotificationUrl = notificationUrl,
            LifecycleNotificationUrl = lifecycleUrl,
            Resource = ResourceOf(mailbox, resource),
            ExpirationDateTime = new DateTimeOffset(expiresAt, TimeSpan.Zero),
            ClientState = clientState,
        }, cancellationToken: ct);
        if (created?.Id is not { Length: > 0 } id) throw new InvalidOperationException("Graph created a subscription but sent no id.");
        return (id, created.ExpirationDateTime?.UtcDateTime ?? expiresAt);
    }

    /// <returns>The new expiry; null when Graph does not know the subscription (404), which must then be created again.</returns>
    public async Task<DateTime?> RenewAsync(string id, DateTime expiresAt, CancellationToken ct)
    {
        try
        {
            var renewed = await graph.Subscriptions[id].PatchAsync(new Subscription { ExpirationDateTime = new DateTimeOffset(expiresAt, TimeSpan.Zero) }, cancellationToken: ct);
            return renewed?.ExpirationDateTime?.UtcDateTime ?? expiresAt;
        }
        catch (ApiException e) when (e.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>Deletes the subscription; one Graph has already forgotten counts as deleted.</summary>
    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        try
        {
            await graph.Subscriptions[id].DeleteAsync(cancellationToken: ct);
        }
        catch (ApiException e) when (e.ResponseStatusCode == 404)
        {
        }
    }
}
