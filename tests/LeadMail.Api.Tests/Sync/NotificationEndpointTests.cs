using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Sync;

/// <summary>
/// Graph's calls to the notification endpoints, anonymous over real HTTP with a real SQLite file. Bodies follow
/// Graph's documented shapes: the changeNotificationCollection of
/// https://learn.microsoft.com/graph/change-notifications-delivery-webhooks and the lifecycle notifications of
/// https://learn.microsoft.com/graph/change-notifications-lifecycle-events.
/// </summary>
public sealed class NotificationEndpointTests : IAsyncLifetime
{
    private const string SubscriptionId = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
    private const string TenantId = "84bd8158-6d4d-4958-8b9f-9d6445542f95";
    private readonly LeadMailHost api = new();
    private string secret = null!;
    private int repId;

    public async Task InitializeAsync()
    {
        _ = api.Server;
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
        var now = api.Clock.UtcNow;
        var rep = new Rep { Email = "dana@contoso.com", DisplayName = "Dana", EntraObjectId = Guid.NewGuid().ToString(), SyncEnabled = true, CreatedAt = now, UpdatedAt = now };
        db.Reps.Add(rep);
        await db.SaveChangesAsync();
        repId = rep.Id;
        var (clientState, hash) = SubscriptionSecret.Create();
        secret = clientState;
        db.MailboxSyncs.AddRange(
            new MailboxSync { RepId = rep.Id, Stream = MailboxStream.Inbox, LastAttemptAt = now.AddSeconds(-5) },
            new MailboxSync { RepId = rep.Id, Stream = MailboxStream.SentItems, LastAttemptAt = now.AddSeconds(-5) },
            new MailboxSync { RepId = rep.Id, Stream = MailboxStream.Calendar, LastAttemptAt = now.AddSeconds(-5) });
        db.MailSubscriptions.Add(new MailSubscription
        {
            RepId = rep.Id, Resource = SubscriptionResource.Messages, GraphSubscriptionId = SubscriptionId, ClientStateHash = hash,
            ExpiresAt = now.AddDays(3), Status = MailboxSyncStatus.Synced, LastSuccessAt = now.AddDays(-1), CreatedAt = now.AddDays(-1),
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    /// <summary>A change notification as Graph documents it for a new message.</summary>
    private JsonObject Notification(string? clientState = null, string subscriptionId = SubscriptionId) => new()
    {
        ["subscriptionId"] = subscriptionId,
        ["subscriptionExpirationDateTime"] = "2026-12-10T18:23:45.9356913Z",
        ["changeType"] = "created",
        ["resource"] = "Users/ed1d3c2f-2c9b-4a7a-9dd0-0a3e1dd5bf7e/Messages/AAMkAGUwNjQ4ZjIxAAA=",
        ["resourceData"] = new JsonObject
        {
            ["@odata.type"] = "#Microsoft.Graph.Message",
            ["@odata.id"] = "Users/ed1d3c2f-2c9b-4a7a-9dd0-0a3e1dd5bf7e/Messages/AAMkAGUwNjQ4ZjIxAAA=",
            ["@odata.etag"] = "W/\"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf\"",
            ["id"] = "AAMkAGUwNjQ4ZjIxAAA=",
        },
        ["clientState"] = clientState ?? secret,
        ["tenantId"] = TenantId,
    };

    private JsonObject LifecycleNotification(string lifecycleEvent, string? clientState = null) => new()
    {
        ["lifecycleEvent"] = lifecycleEvent,
        ["subscriptionId"] = SubscriptionId,
        ["subscriptionExpirationDateTime"] = "2026-12-10T18:23:45.9356913Z",
        ["clientState"] = clientState ?? secret,
        ["tenantId"] = TenantId,
    };

    private async Task<HttpResponseMessage> PostAsync(string path, params JsonObject[] items)
    {
        using var anonymous = api.CreateClient();
        return await anonymous.PostAsync(path, new StringContent(new JsonObject { ["value"] = new JsonArray(items) }.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    private async Task<Dictionary<MailboxStream, MailboxSync>> StreamsAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadMailDb>().MailboxSyncs.AsNoTracking().ToDictionaryAsync(s => s.Stream);
    }

    private async Task<MailSubscription> SubscriptionAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadMailDb>().MailSubscriptions.AsNoTracking().SingleAsync();
    }

    [Theory]
    [InlineData("/api/sync/notifications")]
    [InlineData("/api/sync/lifecycle")]
    public async Task The_validation_handshake_echoes_the_token_as_plain_text(string path)
    {
        using var anonymous = api.CreateClient();
        // Graph's validation request: an empty text/plain POST with the token in the query, to be echoed within ten seconds.
        var response = await anonymous.PostAsync($"{path}?validationToken={Uri.EscapeDataString("Validation: Testing client application reachability for subscription Request-Id: 1a2b")}",
            new StringContent("", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Validation: Testing client application reachability for subscription Request-Id: 1a2b", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_genuine_notification_nudges_the_mail_streams_of_its_mailbox_and_no_others()
    {
        var response = await PostAsync("/api/sync/notifications", Notification());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var streams = await StreamsAsync();
        Assert.Equal(1, streams[MailboxStream.Inbox].Nudges);
        Assert.Equal(1, streams[MailboxStream.SentItems].Nudges);
        Assert.NotNull(streams[MailboxStream.Inbox].NudgedAt);
        Assert.Equal(0, streams[MailboxStream.Calendar].Nudges);
    }

    [Fact]
    public async Task A_forged_client_state_or_an_unknown_subscription_is_accepted_and_changes_nothing()
    {
        var forged = await PostAsync("/api/sync/notifications", Notification(clientState: "guessed-secret"));
        var unknown = await PostAsync("/api/sync/notifications", Notification(subscriptionId: Guid.NewGuid().ToString()));
        var lifecycle = await PostAsync("/api/sync/lifecycle", LifecycleNotification("subscriptionRemoved", clientState: secret + "x"));

        Assert.Equal(HttpStatusCode.Accepted, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, lifecycle.StatusCode);
        Assert.All((await StreamsAsync()).Values, s => Assert.Equal(0, s.Nudges));
        Assert.Null((await SubscriptionAsync()).RemovedAt);
    }

    [Theory]
    [InlineData("/api/sync/notifications", "{\"value\":[{\"subscriptionId\":")]
    [InlineData("/api/sync/notifications", "")]
    [InlineData("/api/sync/lifecycle", "[1,2,3]")]
    [InlineData("/api/sync/lifecycle", "{\"value\":null}")]
    public async Task A_malformed_body_is_a_400_problem_never_a_500(string path, string body)
    {
        using var anonymous = api.CreateClient();
        var response = await anonymous.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_beyond_what_Graph_sends_is_refused()
    {
        var many = Enumerable.Range(0, 2000).Select(_ => Notification(clientState: "x")).ToArray();
        var response = await PostAsync("/api/sync/notifications", many);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.All((await StreamsAsync()).Values, s => Assert.Equal(0, s.Nudges));
    }

    [Fact]
    public async Task ReauthorizationRequired_marks_the_subscription_for_renewal()
    {
        var response = await PostAsync("/api/sync/lifecycle", LifecycleNotification("reauthorizationRequired"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull((await SubscriptionAsync()).RenewRequestedAt);
    }

    [Fact]
    public async Task SubscriptionRemoved_marks_the_subscription_for_recreation_and_nudges_the_mailbox()
    {
        await PostAsync("/api/sync/lifecycle", LifecycleNotification("subscriptionRemoved"));

        Assert.NotNull((await SubscriptionAsync()).RemovedAt);
        Assert.All((await StreamsAsync()).Values, s => Assert.Equal(1, s.Nudges));
    }

    [Fact]
    public async Task Missed_nudges_a_delta_round_of_every_stream_of_the_mailbox()
    {
        await PostAsync("/api/sync/lifecycle", LifecycleNotification("missed"));

        Assert.All((await StreamsAsync()).Values, s => Assert.Equal(1, s.Nudges));
        Assert.Null((await SubscriptionAsync()).RemovedAt);
    }

    [Fact]
    public async Task The_status_shows_each_subscription_as_a_stream_with_its_expiry_and_raises_an_expired_one()
    {
        var manager = api.ClientFor("mo@contoso.com", manager: true);
        var healthy = await SubscriptionStreamAsync(manager);
        Assert.Equal("synced", healthy.GetProperty("status").GetString());
        Assert.Equal("messages", healthy.GetProperty("subscriptionResource").GetString());
        Assert.Equal(api.Clock.UtcNow.AddDays(3), healthy.GetProperty("expiresAt").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.False(healthy.GetProperty("raised").GetBoolean());

        api.Clock.Advance(TimeSpan.FromDays(4));
        var expired = await SubscriptionStreamAsync(manager);
        Assert.True(expired.GetProperty("raised").GetBoolean());
        Assert.Contains("Expired", expired.GetProperty("raisedReason").GetString());
    }

    [Fact]
    public async Task A_subscription_failing_repeatedly_is_raised_and_counted_in_error()
    {
        await using (var scope = api.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<LeadMailDb>().MailSubscriptions.ExecuteUpdateAsync(set => set
                .SetProperty(s => s.Status, MailboxSyncStatus.Error).SetProperty(s => s.ConsecutiveFailures, 3)
                .SetProperty(s => s.LastError, "Graph 403 ExtensionError: Operation: Create; Exception: [Status Code: Forbidden]"));

        var manager = api.ClientFor("mo@contoso.com", manager: true);
        var status = await manager.GetFromJsonAsync<JsonElement>("/api/sync/status");
        var subscription = await SubscriptionStreamAsync(manager);

        Assert.Equal(1, status.GetProperty("streamsInError").GetInt32());
        Assert.True(subscription.GetProperty("raised").GetBoolean());
        Assert.Contains("Forbidden", subscription.GetProperty("raisedReason").GetString());
    }

    private static async Task<JsonElement> SubscriptionStreamAsync(HttpClient manager)
    {
        var status = await manager.GetFromJsonAsync<JsonElement>("/api/sync/status");
        var mailbox = Assert.Single(status.GetProperty("items").EnumerateArray());
        return mailbox.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == "subscription");
    }
}
