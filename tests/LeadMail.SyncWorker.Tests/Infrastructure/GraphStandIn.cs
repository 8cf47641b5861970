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
        TimeSpan? delay = null, int? slowPage = null)
    {
        var path = PathOf(mailbox, stream);
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
