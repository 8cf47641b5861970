using System.Text.Json;
using System.Text.Json.Serialization;
using LeadMail.Api.Web;
using LeadMail.Core.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace LeadMail.Api.Sync;

/// <summary>Graph's changeNotificationCollection: change and lifecycle notifications share it.</summary>
public sealed record NotificationCollection(IReadOnlyList<NotificationItem>? Value);

/// <summary>
/// One notification as Graph sends it. Only <see cref="SubscriptionId"/>, <see cref="ClientState"/> and
/// <see cref="LifecycleEvent"/> are used; the others are documented for completeness and never trusted.
/// </summary>
public sealed record NotificationItem(
    string? SubscriptionId,
    string? ClientState,
    string? ChangeType,
    string? Resource,
    DateTimeOffset? SubscriptionExpirationDateTime,
    string? TenantId,
    string? LifecycleEvent);

/// <summary>
/// Where Graph calls when a synced mailbox changes. Anonymous: Graph sends no token, and each notification proves
/// itself by its subscription's clientState secret. A genuine one only nudges the mailbox's streams; the worker
/// reads what changed from Graph itself. Unknown or forged ones are answered 202 like the rest (Graph would retry
/// anything else) and change nothing, so the endpoint tells a caller nothing.
/// </summary>
public static class NotificationEndpoints
{
    /// <summary>Graph batches notifications; a collection beyond this is not from Graph.</summary>
    private const long MaxBodyBytes = 256 * 1024;

    /// <summary>Graph's validation tokens are short opaque strings.</summary>
    private const int MaxValidationTokenLength = 1024;

    /// <summary>Lenient on fields (Graph adds resourceData, encryptedContent…), strict on JSON syntax.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        MaxDepth = 16,
    };

    /// <remarks>No Accepts metadata: routing would then refuse Graph's text/plain handshake before the handler sees it.</remarks>
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/notifications", Notifications).WithName("SyncNotifications")
            .WithSummary("Graph's change notifications (anonymous: each carries its subscription's clientState); answers Graph's validationToken handshake.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .AllowAnonymous().WithMetadata(new NotificationBodyLimit());
        group.MapPost("/lifecycle", Lifecycle).WithName("SyncLifecycleNotifications")
            .WithSummary("Graph's lifecycle notifications: reauthorizationRequired, subscriptionRemoved, missed (anonymous, checked by clientState).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .AllowAnonymous().WithMetadata(new NotificationBodyLimit());
        return group;
    }

    public static Task<Results<ContentHttpResult, Accepted, ValidationProblem>> Notifications(HttpRequest request, MailboxNudges nudges, CancellationToken ct) =>
        ReceiveAsync(request, nudges, lifecycle: false, ct);

    public static Task<Results<ContentHttpResult, Accepted, ValidationProblem>> Lifecycle(HttpRequest request, MailboxNudges nudges, CancellationToken ct) =>
        ReceiveAsync(request, nudges, lifecycle: true, ct);

    private static async Task<Results<ContentHttpResult, Accepted, ValidationProblem>> ReceiveAsync(HttpRequest request, MailboxNudges nudges, bool lifecycle, CancellationToken ct)
    {
        // Graph's handshake: echo the token as plain text within ten seconds, before any subscription exists.
        if (request.Query.TryGetValue("validationToken", out var tokens))
        {
            var token = tokens.ToString();
            if (token.Length is 0 or > MaxValidationTokenLength)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["validationToken"] = [$"Must be 1 to {MaxValidationTokenLength} characters."] });
            request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.Text(token, "text/plain", System.Text.Encoding.UTF8, StatusCodes.Status200OK);
        }

        NotificationCollection? collection;
        try
        {
            collection = await JsonSerializer.DeserializeAsync<NotificationCollection>(request.Body, Json, ct);
        }
        catch (JsonException json)
        {
            return TypedResults.ValidationProblem(Problems.InvalidBody(json).Errors);
        }
        if (collection?.Value is not { } items)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["value"] = ["Required: Graph's notification collection."] });

        await nudges.ReceiveAsync(items.Select(i => new ChangeNotification(i.SubscriptionId, i.ClientState, lifecycle ? i.LifecycleEvent ?? "" : null)).ToList(), ct);
        return TypedResults.Accepted((string?)null);
    }

    private sealed class NotificationBodyLimit : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => MaxBodyBytes;
    }
}
