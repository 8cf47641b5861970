using System.Text.Json.Nodes;
using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Tests.Infrastructure;
using LeadMail.SyncWorker.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>
/// Change-notification subscriptions against a WireMock Graph. Graph's answers follow its documented shapes:
/// the subscription resource of https://learn.microsoft.com/graph/api/subscription-post-subscriptions (201 with the
/// subscription), its renewal (PATCH, 200) and Graph's 404 for a subscription it does not know. Nudges go through
/// <see cref="MailboxNudges"/>, the code the API runs for each notification.
/// </summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private const string NotificationUrl = "https://leadmail.contoso.com/api/sync/notifications";
    private const string LifecycleUrl = "https://leadmail.contoso.com/api/sync/lifecycle";
    private readonly SyncTestBed bed = new();
    private Core.Reps.Rep rep = null!;
    private int created;

    public async Task InitializeAsync()
    {
        rep = await bed.AddRepAsync("ann@contoso.com");
        await bed.AddContactAsync("lee@fabrikam.example");
        ServeSubscriptions();
    }

    public async Task DisposeAsync() => await bed.DisposeAsync();

    private Dictionary<string, string?> Subscribed => new()
    {
        ["Sync:NotificationUrl"] = NotificationUrl,
        ["Sync:LifecycleNotificationUrl"] = LifecycleUrl,
    };

    /// <summary>POST /subscriptions answers 201 with the subscription, each with a new id; PATCH and DELETE succeed.</summary>
    private void ServeSubscriptions()
    {
        bed.Graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions").UsingPost()).AtPriority(50)
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var body = JsonNode.Parse(request.Body!)!.AsObject();
                body["id"] = $"sub-{Interlocked.Increment(ref created)}";
                body["applicationId"] = "24d3b144-21ae-4080-943f-7067b395b913";
                body["creatorId"] = "8ee44408-0679-472c-bc2a-692812af3437";
                body["latestSupportedTlsVersion"] = "v1_2";
                // Graph never sends the clientState back in full; it echoes it in notifications only.
                body.Remove("clientState");
                return Json(201, body);
            }));
        bed.Graph.Server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/v1\\.0/subscriptions/[^/]+$")).UsingPatch()).AtPriority(50)
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var body = JsonNode.Parse(request.Body!)!.AsObject();
                body["id"] = request.Path.Split('/')[^1];
                body["resource"] = $"users/{rep.EntraObjectId}/messages";
                return Json(200, body);
            }));
        bed.Graph.Server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/v1\\.0/subscriptions/[^/]+$")).UsingDelete()).AtPriority(50)
            .RespondWith(Response.Create().WithStatusCode(204));
    }

    private static WireMock.ResponseMessage Json(int status, JsonObject body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new WireMock.Util.BodyData { DetectedBodyType = WireMock.Types.BodyType.String, BodyAsString = body.ToJsonString() },
    };

    private List<JsonObject> Posted(string method = "POST") => bed.Graph.Server.LogEntries
        .Where(e => e.RequestMessage.Path.StartsWith("/v1.0/subscriptions", StringComparison.Ordinal) && e.RequestMessage.Method == method)
        .OrderBy(e => e.RequestMessage.DateTime)
        .Select(e =>
        {
            var body = e.RequestMessage.Body is { Length: > 0 } b ? JsonNode.Parse(b)!.AsObject() : new JsonObject();
            body["path"] = e.RequestMessage.Path;
            return body;
        })
        .ToList();

    private async Task<List<MailSubscription>> SubscriptionsAsync()
    {
        await using var db = bed.OpenDb();
        return await db.MailSubscriptions.AsNoTracking().OrderBy(s => s.Resource).ToListAsync();
    }

    /// <summary>What the API does with a notification from Graph, at <paramref name="clock"/>'s time.</summary>
    private async Task<int> NotifyAsync(TestClock clock, string subscriptionId, string clientState, string? lifecycleEvent = null)
    {
        await using var db = bed.OpenDb();
        return await new MailboxNudges(db, clock, NullLogger<MailboxNudges>.Instance).ReceiveAsync([new ChangeNotification(subscriptionId, clientState, lifecycleEvent)], CancellationToken.None);
    }

    /// <summary>A subscription row's secret is only a hash: tests learn the secret from the request Graph received.</summary>
    private string SecretSentFor(string resourceSuffix) =>
        Posted().Last(p => p["resource"]!.GetValue<string>().EndsWith(resourceSuffix, StringComparison.Ordinal))["clientState"]!.GetValue<string>();

    [Fact]
    public async Task Each_synced_mailbox_gets_a_messages_and_an_events_subscription_with_a_secret_and_an_expiry_within_Graphs_limit()
    {
        var clock = bed.NextRoundClock();
        await bed.RunRoundAsync(clock, Subscribed);

        var posted = Posted();
        Assert.Equal(2, posted.Count);
        Assert.Equal([$"users/{rep.EntraObjectId}/events", $"users/{rep.EntraObjectId}/messages"], posted.Select(p => p["resource"]!.GetValue<string>()).Order());
        foreach (var body in posted)
        {
            Assert.Equal("created,updated,deleted", body["changeType"]!.GetValue<string>());
            Assert.Equal(NotificationUrl, body["notificationUrl"]!.GetValue<string>());
            Assert.Equal(LifecycleUrl, body["lifecycleNotificationUrl"]!.GetValue<string>());
            Assert.InRange(body["clientState"]!.GetValue<string>().Length, 32, 128);
            var expires = DateTimeOffset.Parse(body["expirationDateTime"]!.GetValue<string>());
            Assert.InRange(expires - clock.GetUtcNow(), TimeSpan.FromDays(3), TimeSpan.FromMinutes(10_080));
        }
        Assert.NotEqual(posted[0]["clientState"]!.GetValue<string>(), posted[1]["clientState"]!.GetValue<string>());

        var rows = await SubscriptionsAsync();
        Assert.All(rows, r => Assert.Equal(MailboxSyncStatus.Synced, r.Status));
        Assert.All(rows, r => Assert.True(SubscriptionSecret.Matches(posted.Single(p => p["resource"]!.GetValue<string>().EndsWith(r.Resource == SubscriptionResource.Events ? "events" : "messages", StringComparison.Ordinal))["clientState"]!.GetValue<string>(), r.ClientStateHash)));
        Assert.DoesNotContain(rows, r => r.ClientStateHash!.Length != 32);
    }

    [Fact]
    public async Task Without_notification_urls_no_subscription_is_made()
    {
        await bed.RoundSucceedsAsync();

        Assert.Empty(Posted());
        Assert.Empty(await SubscriptionsAsync());
    }

    [Fact]
    public async Task A_subscription_is_renewed_well_before_it_expires_and_not_before_half_its_life()
    {
        var start = bed.NextRoundClock();
        await bed.RunRoundAsync(start, Subscribed);
        var early = new TestClock(start.GetUtcNow() - DateTimeOffset.UtcNow + TimeSpan.FromDays(1));
        await bed.RunRoundAsync(early, Subscribed);
        Assert.Empty(Posted("PATCH"));

        var halfway = new TestClock(start.GetUtcNow() - DateTimeOffset.UtcNow + TimeSpan.FromDays(3.6));
        await bed.RunRoundAsync(halfway, Subscribed);

        var patches = Posted("PATCH");
        Assert.Equal(2, patches.Count);
        Assert.All(patches, p => Assert.True(DateTimeOffset.Parse(p["expirationDateTime"]!.GetValue<string>()) > halfway.GetUtcNow().AddDays(6)));
        Assert.Equal(2, Posted().Count);
        Assert.All(await SubscriptionsAsync(), r => Assert.True(r.ExpiresAt > halfway.GetUtcNow().UtcDateTime.AddDays(6)));
    }

    [Fact]
    public async Task A_subscription_Graph_no_longer_knows_is_created_again()
    {
        var start = bed.NextRoundClock();
        await bed.RunRoundAsync(start, Subscribed);
        bed.Graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions/sub-1").UsingPatch()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"ResourceNotFound","message":"The object was not found."}}"""));

        await bed.RunRoundAsync(new TestClock(start.GetUtcNow() - DateTimeOffset.UtcNow + TimeSpan.FromDays(4)), Subscribed);

        Assert.Equal(3, Posted().Count);
        var ids = (await SubscriptionsAsync()).Select(s => s.GraphSubscriptionId).ToList();
        Assert.DoesNotContain("sub-1", ids);
        Assert.Contains("sub-3", ids);
    }

    [Fact]
    public async Task SubscriptionRemoved_makes_a_new_subscription_with_a_new_secret()
    {
        var clock = bed.NextRoundClock();
        await bed.RunRoundAsync(clock, Subscribed);
        var messages = (await SubscriptionsAsync()).Single(s => s.Resource == SubscriptionResource.Messages);
        var oldSecret = SecretSentFor("messages");

        Assert.Equal(1, await NotifyAsync(clock, messages.GraphSubscriptionId!, oldSecret, "subscriptionRemoved"));
        await bed.RunRoundAsync(settings: Subscribed);

        Assert.Equal(3, Posted().Count);
        var renewed = (await SubscriptionsAsync()).Single(s => s.Resource == SubscriptionResource.Messages);
        Assert.NotEqual(messages.GraphSubscriptionId, renewed.GraphSubscriptionId);
        Assert.Null(renewed.RemovedAt);
        Assert.False(SubscriptionSecret.Matches(oldSecret, renewed.ClientStateHash));
        Assert.True(SubscriptionSecret.Matches(SecretSentFor("messages"), renewed.ClientStateHash));
    }

    [Fact]
    public async Task ReauthorizationRequired_renews_at_the_next_upkeep()
    {
        var clock = bed.NextRoundClock();
        await bed.RunRoundAsync(clock, Subscribed);
        var events = (await SubscriptionsAsync()).Single(s => s.Resource == SubscriptionResource.Events);

        await NotifyAsync(clock, events.GraphSubscriptionId!, SecretSentFor("events"), "reauthorizationRequired");
        await bed.RunRoundAsync(settings: Subscribed);

        Assert.Equal($"/v1.0/subscriptions/{events.GraphSubscriptionId}", Assert.Single(Posted("PATCH"))["path"]!.GetValue<string>());
        Assert.Null((await SubscriptionsAsync()).Single(s => s.Resource == SubscriptionResource.Events).RenewRequestedAt);
    }

    [Fact]
    public async Task A_rep_who_stops_syncing_loses_the_subscriptions()
    {
        await bed.RunRoundAsync(settings: Subscribed);
        await using (var db = bed.OpenDb())
            await db.Reps.Where(r => r.Id == rep.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.SyncEnabled, false));

        await bed.RunRoundAsync(settings: Subscribed);

        Assert.Equal(["/v1.0/subscriptions/sub-1", "/v1.0/subscriptions/sub-2"], Posted("DELETE").Select(d => d["path"]!.GetValue<string>()).Order());
        Assert.Empty(await SubscriptionsAsync());
    }

    [Fact]
    public async Task A_genuine_notification_makes_the_mailbox_due_before_the_poll_interval_and_its_touch_appears()
    {
        var first = bed.NextRoundClock();
        await bed.RunRoundAsync(first, Subscribed);
        var messages = (await SubscriptionsAsync()).Single(s => s.Resource == SubscriptionResource.Messages);
        var inboxBefore = bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox).Count;
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox,
            [[Message("<new@fabrikam.example>", "lee@fabrikam.example", [rep.Email], DateTime.UtcNow.AddMinutes(-1))]], "i2", fromDeltaToken: "empty");

        // Ten seconds on: the 60-second poll interval has not passed.
        var soon = new TestClock(first.GetUtcNow() - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10));
        var forged = await NotifyAsync(soon, messages.GraphSubscriptionId!, "not-the-secret");
        var idle = await bed.RunRoundAsync(soon, Subscribed);
        Assert.Equal(0, forged);
        Assert.Empty(idle.Streams);
        Assert.Empty(await bed.TouchesAsync());

        Assert.Equal(1, await NotifyAsync(soon, messages.GraphSubscriptionId!, SecretSentFor("messages")));
        var nudged = await bed.RunRoundAsync(soon, Subscribed);

        Assert.Contains(nudged.Streams, s => s.Claim.Stream == MailboxStream.Inbox);
        Assert.DoesNotContain(nudged.Streams, s => s.Claim.Stream == MailboxStream.Calendar);
        Assert.Equal(inboxBefore + 1, bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Inbox).Count);
        Assert.Single(await bed.TouchesAsync());
    }

    [Fact]
    public async Task A_message_notification_reads_the_mail_folders_and_leaves_the_folder_list_to_its_poll()
    {
        var first = bed.NextRoundClock();
        await bed.RunRoundAsync(first, Subscribed);
        var messages = (await SubscriptionsAsync()).Single(s => s.Resource == SubscriptionResource.Messages);
        var foldersBefore = bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Folders).Count;
        var soon = new TestClock(first.GetUtcNow() - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10));

        Assert.Equal(1, await NotifyAsync(soon, messages.GraphSubscriptionId!, SecretSentFor("messages")));
        var nudged = await bed.RunRoundAsync(soon, Subscribed);

        Assert.Equal([MailboxStream.Inbox, MailboxStream.SentItems], nudged.Streams.Select(s => s.Claim.Stream).Order());
        Assert.Equal(foldersBefore, bed.Graph.RequestsFor(rep.EntraObjectId!, MailboxStream.Folders).Count);
    }

    [Fact]
    public async Task Between_dispatch_passes_a_nudged_stream_is_found_until_it_is_claimed()
    {
        var first = bed.NextRoundClock();
        await bed.RunRoundAsync(first, Subscribed);
        var messages = (await SubscriptionsAsync()).Single(s => s.Resource == SubscriptionResource.Messages);
        var soon = new TestClock(first.GetUtcNow() - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10));
        using var host = bed.BuildHost(soon, Subscribed);
        await host.StartAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<MailboxLeases>();

        var quiet = await leases.AnyNudgedAsync(CancellationToken.None);
        await NotifyAsync(soon, messages.GraphSubscriptionId!, SecretSentFor("messages"));
        var nudged = await leases.AnyNudgedAsync(CancellationToken.None);
        var claims = await leases.ClaimDueAsync(12, new HashSet<int>(), CancellationToken.None);
        var claimed = await leases.AnyNudgedAsync(CancellationToken.None);
        await host.StopAsync();

        Assert.False(quiet);
        Assert.True(nudged);
        Assert.Equal([MailboxStream.Inbox, MailboxStream.SentItems], claims.Select(c => c.Stream).Order());
        Assert.False(claimed);
    }

    [Fact]
    public async Task Changed_notification_urls_make_each_subscription_anew_at_them_and_delete_the_old_one()
    {
        await bed.RunRoundAsync(settings: Subscribed);
        var before = await SubscriptionsAsync();
        var moved = new Dictionary<string, string?>
        {
            ["Sync:NotificationUrl"] = "https://crm.contoso.com/api/sync/notifications",
            ["Sync:LifecycleNotificationUrl"] = "https://crm.contoso.com/api/sync/lifecycle",
        };

        await bed.RunRoundAsync(settings: moved);
        await bed.RunRoundAsync(settings: moved);

        var posted = Posted();
        Assert.Equal(4, posted.Count);
        Assert.All(posted.Skip(2), p => Assert.Equal("https://crm.contoso.com/api/sync/notifications", p["notificationUrl"]!.GetValue<string>()));
        Assert.All(posted.Skip(2), p => Assert.Equal("https://crm.contoso.com/api/sync/lifecycle", p["lifecycleNotificationUrl"]!.GetValue<string>()));
        Assert.Equal(before.Select(s => $"/v1.0/subscriptions/{s.GraphSubscriptionId}").Order(), Posted("DELETE").Select(d => d["path"]!.GetValue<string>()).Order());
        Assert.Empty(Posted("PATCH"));
        var after = await SubscriptionsAsync();
        Assert.All(after, s => Assert.Equal("https://crm.contoso.com/api/sync/notifications", s.NotificationUrl));
        Assert.All(after, s => Assert.Equal("https://crm.contoso.com/api/sync/lifecycle", s.LifecycleNotificationUrl));
        Assert.Empty(after.Select(s => s.GraphSubscriptionId).Intersect(before.Select(s => s.GraphSubscriptionId)));
        Assert.True(SubscriptionSecret.Matches(SecretSentFor("messages"), after.Single(s => s.Resource == SubscriptionResource.Messages).ClientStateHash));
    }

    [Fact]
    public async Task Missed_runs_a_delta_round_of_every_stream_of_the_mailbox()
    {
        var first = bed.NextRoundClock();
        await bed.RunRoundAsync(first, Subscribed);
        var events = (await SubscriptionsAsync()).Single(s => s.Resource == SubscriptionResource.Events);
        var soon = new TestClock(first.GetUtcNow() - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10));

        await NotifyAsync(soon, events.GraphSubscriptionId!, SecretSentFor("events"), "missed");
        var round = await bed.RunRoundAsync(soon, Subscribed);

        Assert.Equal([MailboxStream.Inbox, MailboxStream.SentItems, MailboxStream.Calendar, MailboxStream.Folders], round.Streams.Select(s => s.Claim.Stream).Order());
    }

    [Fact]
    public async Task While_subscribed_a_stream_is_polled_at_the_longer_interval()
    {
        var first = bed.NextRoundClock();
        await bed.RunRoundAsync(first, Subscribed);

        var fiveMinutes = await bed.RunRoundAsync(new TestClock(first.GetUtcNow() - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5)), Subscribed);
        var twentyMinutes = await bed.RunRoundAsync(new TestClock(first.GetUtcNow() - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(20)), Subscribed);

        Assert.Empty(fiveMinutes.Streams);
        Assert.Equal(4, twentyMinutes.Streams.Count);
    }

    [Fact]
    public async Task A_crash_in_subscription_upkeep_leaves_the_delta_streams_running_and_is_raised()
    {
        // Graph answers the create with something that is not a subscription: the SDK's parser throws.
        bed.Graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions").UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("{\"id\":"));
        bed.Graph.ServeRound(rep.EntraObjectId!, MailboxStream.Inbox,
            [[Message("<kept@fabrikam.example>", "lee@fabrikam.example", [rep.Email], DateTime.UtcNow.AddHours(-1))]], "i1");

        for (var i = 0; i < 3; i++)
        {
            var report = await bed.RunRoundAsync(settings: Subscribed);
            Assert.True(report.AllSucceeded);
        }

        Assert.Single(await bed.TouchesAsync());
        var rows = await SubscriptionsAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(MailboxSyncStatus.Error, r.Status));
        Assert.All(rows, r => Assert.NotNull(StreamAlarm.Reason(r, DateTime.UtcNow)));
    }
}
