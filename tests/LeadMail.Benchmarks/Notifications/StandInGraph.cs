using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LeadMail.Benchmarks.Notifications;

/// <summary>
/// A Graph stand-in on 127.0.0.1 for the notification benchmark: accepts subscriptions (keeping each clientState,
/// as Graph does, to send with notifications), and serves each mailbox's Inbox delta with the messages queued for
/// it since its last round; every other stream answers an empty, complete round. Counts requests per mailbox.
/// </summary>
internal sealed class StandInGraph : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> inboxes = new();
    private readonly ConcurrentDictionary<string, int> requests = new();
    private int subscriptionIds;

    /// <summary>Subscriptions by mailbox and resource (messages, events): Graph's id and the clientState it sends back.</summary>
    public ConcurrentDictionary<(string Mailbox, string Resource), (string Id, string ClientState)> Subscriptions { get; } = new();

    private StandInGraph(WebApplication app) => this.app = app;

    public string BaseUrl => $"{app.Urls.First()}/v1.0";

    public static async Task<StandInGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var graph = new StandInGraph(builder.Build());
        graph.app.Map("/v1.0/{**rest}", graph.HandleAsync);
        await graph.app.StartAsync();
        return graph;
    }

    public void Queue(string mailbox, JsonObject message) => inboxes.GetOrAdd(mailbox, _ => new()).Enqueue(message);

    public IReadOnlyDictionary<string, int> RequestsPerMailbox => requests;

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!["/v1.0/".Length..];
        var parts = path.Split('/');
        if (parts is ["users", var user, ..]) requests.AddOrUpdate(user, 1, (_, n) => n + 1);

        if (parts[0] == "subscriptions")
        {
            await SubscriptionAsync(context, parts);
            return;
        }
        if (path.EndsWith("/mailFolders/inbox/messages/delta()", StringComparison.Ordinal))
        {
            var items = new JsonArray();
            if (inboxes.TryGetValue(parts[1], out var queue))
                while (items.Count < 1000 && queue.TryDequeue(out var message)) items.Add(message);
            await JsonAsync(context, 200, Page(context, items));
            return;
        }
        if (path.EndsWith("/delta()", StringComparison.Ordinal))
        {
            await JsonAsync(context, 200, Page(context, []));
            return;
        }
        await JsonAsync(context, 404, new JsonObject { ["error"] = new JsonObject { ["code"] = "ErrorItemNotFound", ["message"] = "Not found." } });
    }

    private async Task SubscriptionAsync(HttpContext context, string[] parts)
    {
        if (HttpMethods.IsDelete(context.Request.Method))
        {
            context.Response.StatusCode = (int)HttpStatusCode.NoContent;
            return;
        }
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var id = $"sub-{Interlocked.Increment(ref subscriptionIds)}";
            var resource = body["resource"]!.GetValue<string>().Split('/');
            Subscriptions[(resource[1], resource[2])] = (id, body["clientState"]!.GetValue<string>());
            body["id"] = id;
            body.Remove("clientState");
            await JsonAsync(context, 201, body);
            return;
        }
        body["id"] = parts[^1];
        await JsonAsync(context, 200, body);
    }

    private static JsonObject Page(HttpContext context, JsonArray items) => new()
    {
        ["value"] = items,
        ["@odata.deltaLink"] = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?$deltatoken={Guid.NewGuid():N}",
    };

    private static Task JsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
