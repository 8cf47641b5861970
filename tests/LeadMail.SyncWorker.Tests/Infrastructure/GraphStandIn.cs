using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using LeadMail.Core.Sync;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace LeadMail.SyncWorker.Tests.Infrastructure;

/// <summary>
/// WireMock.Net speaking Graph's delta protocol over real HTTP on 127.0.0.1: a round is a chain of
/// pages linked by @odata.nextLink, ending in an @odata.deltaLink whose token starts the next round.
/// Any stream a test does not script answers an empty, complete round.
/// </summary>
public sealed class GraphStandIn : IDisposable
{
    public WireMockServer Server { get; }

    public GraphStandIn()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
        ServeEmptyStreams();
    }

    /// <summary>Forgets every scripted page (the request log stays).</summary>
    public void ResetPages()
    {
        Server.ResetMappings();
        ServeEmptyStreams();
    }

    private void ServeEmptyStreams()
    {
        // A folder looked up by well-known name, an event by id, a message by internetMessageId: not there unless a test serves it.
        var notFound = Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
            .WithBody("""{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}""");
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/v1\\.0/users/[^/]+/(mailFolders|events)/[^/]+$")).UsingGet())
            .AtPriority(1000).RespondWith(notFound);
        // A history fetch's calendarView: no meetings unless a test serves them.
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/v1\\.0/users/[^/]+/calendarView$")).UsingGet())
            .AtPriority(1000).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"value":[]}"""));
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/v1\\.0/users/[^/]+/messages$")).UsingGet())
            .AtPriority(1000).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"value":[]}"""));
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/v1\\.0/users/.+/delta\\(\\)$")).UsingGet())
            .AtPriority(1000)
            .RespondWith(Response.Create().WithCallback(request => new WireMock.ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new WireMock.Util.BodyData
                {
                    DetectedBodyType = WireMock.Types.BodyType.String,
                    BodyAsString = new JsonObject { ["value"] = new JsonArray(), ["@odata.deltaLink"] = $"{Server!.Url}{request.Path}?$deltatoken=empty" }.ToJsonString(),
                },
            }));
    }

    public string BaseUrl => $"{Server.Url}/v1.0";

    public static string PathOf(string mailbox, MailboxStream stream) => stream switch
    {
        MailboxStream.Folders => $"/v1.0/users/{mailbox}/mailFolders/delta()",
        MailboxStream.Inbox => $"/v1.0/users/{mailbox}/mailFolders/inbox/messages/delta()",
        MailboxStream.SentItems => $"/v1.0/users/{mailbox}/mailFolders/sentitems/messages/delta()",
        _ => $"/v1.0/users/{mailbox}/calendarView/delta()",
    };

    /// <summary>
    /// Scripts one round of a stream: <paramref name="pages"/> in order, starting from scratch when
    /// <paramref name="fromDeltaToken"/> is null, else from that delta token; the last page hands out <paramref name="deltaToken"/>.
    /// </summary>
    /// <param name="slowPage">The index of a page that answers only after <paramref name="delay"/> (a mailbox mid-backfill to crash in).</param>
    public void ServeRound(string mailbox, MailboxStream stream, IReadOnlyList<JsonNode[]> pages, string deltaToken, string? fromDeltaToken = null,
        TimeSpan? delay = null, int? slowPage = null) =>
        ServeRoundAt(PathOf(mailbox, stream), pages, deltaToken, fromDeltaToken, delay, slowPage);

    /// <summary>The path of one more mail folder's message delta, by the folder's id.</summary>
    public static string FolderPathOf(string mailbox, string folderId) => $"/v1.0/users/{mailbox}/mailFolders/{folderId}/messages/delta()";

    /// <summary>Scripts one round of a mail folder's messages, by the folder's id (see <see cref="ServeRound"/>).</summary>
    public void ServeFolderRound(string mailbox, string folderId, IReadOnlyList<JsonNode[]> pages, string deltaToken, string? fromDeltaToken = null) =>
        ServeRoundAt(FolderPathOf(mailbox, folderId), pages, deltaToken, fromDeltaToken);

    /// <summary>Graph's answer to <c>GET mailFolders/{wellKnownName}</c>: the folder's id.</summary>
    public void ServeWellKnownFolder(string mailbox, string wellKnownName, string id) =>
        Server.Given(Request.Create().WithPath($"/v1.0/users/{mailbox}/mailFolders/{wellKnownName}").UsingGet()).AtPriority(10)
            .RespondWith(Json(new JsonObject { ["id"] = id, ["displayName"] = wellKnownName }));

    /// <summary>Graph's answer to <c>GET events/{id}</c>.</summary>
    public void ServeEvent(string mailbox, string id, JsonObject body, TimeSpan? delay = null)
    {
        var response = Json(body);
        if (delay is { } wait) response = response.WithDelay(wait);
        Server.Given(Request.Create().WithPath($"/v1.0/users/{mailbox}/events/{id}").UsingGet()).AtPriority(10).RespondWith(response);
    }

    /// <summary>Graph's answer to <c>GET messages?$filter=internetMessageId eq '…'</c>.</summary>
    public void ServeMessageLookup(string mailbox, string internetMessageId, JsonObject message, TimeSpan? delay = null)
    {
        var response = Json(new JsonObject { ["value"] = new JsonArray(message.DeepClone()) });
        if (delay is { } wait) response = response.WithDelay(wait);
        Server.Given(Request.Create().WithPath($"/v1.0/users/{mailbox}/messages").UsingGet()
                // Kiota sends the option as %24filter.
                .WithParam(query => query.Any(q => q.Key.EndsWith("filter", StringComparison.Ordinal)
                    && q.Value.Any(v => Uri.UnescapeDataString(v).Contains($"internetMessageId eq '<{internetMessageId}>'", StringComparison.Ordinal)))))
            .AtPriority(10).RespondWith(response);
    }

    /// <summary>The path a history fetch searches messages at (<c>GET /users/{id}/messages?$search=…</c>).</summary>
    public static string MessagesPathOf(string mailbox) => $"/v1.0/users/{mailbox}/messages";

    /// <summary>The path a history fetch reads the calendar at (<c>GET /users/{id}/calendarView</c>).</summary>
    public static string CalendarViewPathOf(string mailbox) => $"/v1.0/users/{mailbox}/calendarView";

    /// <summary>
    /// Graph's answer to <c>GET messages?$search="participants:{address}"</c>: <paramref name="pages"/> linked by
    /// @odata.nextLink (a $skiptoken), as https://learn.microsoft.com/graph/search-query-parameter pages search results.
    /// </summary>
    /// <param name="slowPage">The index of a page that answers only after <paramref name="delay"/>.</param>
    public void ServeSearch(string mailbox, string address, IReadOnlyList<JsonNode[]> pages, string token, TimeSpan? delay = null, int? slowPage = null) =>
        ServeListAt(MessagesPathOf(mailbox), pages, token, first => first.WithParam(query => query.Any(q => q.Key.EndsWith("search", StringComparison.Ordinal)
            && q.Value.Any(v => Uri.UnescapeDataString(v).Contains($"participants:{address}", StringComparison.OrdinalIgnoreCase)))), delay, slowPage);

    /// <summary>Graph's answer to <c>GET calendarView?startDateTime=…&amp;endDateTime=…</c> (https://learn.microsoft.com/graph/api/user-list-calendarview).</summary>
    public void ServeCalendarView(string mailbox, IReadOnlyList<JsonNode[]> pages, string token) =>
        ServeListAt(CalendarViewPathOf(mailbox), pages, token, first => first.WithParam(query => query.Any(q => q.Key.EndsWith("startDateTime", StringComparison.Ordinal))));

    private void ServeListAt(string path, IReadOnlyList<JsonNode[]> pages, string token, Func<IRequestBuilder, IRequestBuilder> first, TimeSpan? delay = null, int? slowPage = null)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            var body = new JsonObject { ["value"] = new JsonArray(pages[i].Select(n => n.DeepClone()).ToArray()) };
            if (i < pages.Count - 1) body["@odata.nextLink"] = $"{Server.Url}{path}?$skiptoken={token}-p{i + 1}";
            var request = Request.Create().WithPath(path).UsingGet();
            request = i == 0 ? first(request) : request.WithParam("$skiptoken", $"{token}-p{i}");
            var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body.ToJsonString());
            if (delay is { } wait && (slowPage is null || slowPage == i)) response = response.WithDelay(wait);
            Server.Given(request).AtPriority(i == 0 ? 20 : 10).RespondWith(response);
        }
    }

    /// <summary>The requests Graph received on a path, in order.</summary>
    public IReadOnlyList<ILogEntry> RequestsAt(string path) =>
        Server.LogEntries.Where(e => e.RequestMessage.Path == path).OrderBy(e => e.RequestMessage.DateTime).ToList();

    private static IResponseBuilder Json(JsonObject body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body.ToJsonString());

    private void ServeRoundAt(string path, IReadOnlyList<JsonNode[]> pages, string deltaToken, string? fromDeltaToken, TimeSpan? delay = null, int? slowPage = null)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            var body = new JsonObject { ["value"] = new JsonArray(pages[i].Select(n => n.DeepClone()).ToArray()) };
            if (i < pages.Count - 1) body["@odata.nextLink"] = $"{Server.Url}{path}?$skiptoken={deltaToken}-p{i + 1}";
            else body["@odata.deltaLink"] = $"{Server.Url}{path}?$deltatoken={deltaToken}";

            var request = Request.Create().WithPath(path).UsingGet();
            if (i > 0) request = request.WithParam("$skiptoken", $"{deltaToken}-p{i}");
            else if (fromDeltaToken is not null) request = request.WithParam("$deltatoken", fromDeltaToken);
            var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body.ToJsonString());
            if (delay is { } wait && (slowPage is null || slowPage == i)) response = response.WithDelay(wait);
            // A first page from scratch matches the bare path, so it ranks below every token-specific page.
            Server.Given(request).AtPriority(i == 0 && fromDeltaToken is null ? 100 : 10).RespondWith(response);
        }
    }

    /// <summary>The requests Graph received for a stream, in order.</summary>
    public IReadOnlyList<ILogEntry> RequestsFor(string mailbox, MailboxStream stream) =>
        Server.LogEntries.Where(e => e.RequestMessage.Path == PathOf(mailbox, stream)).OrderBy(e => e.RequestMessage.DateTime).ToList();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose() => Server.Stop();
}
