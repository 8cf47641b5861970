using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadMail.Core.Sync;

namespace LeadMail.SyncWorker.Demo;

/// <summary>
/// Serves a <see cref="SampleMailbox"/> over the Graph delta protocol on 127.0.0.1 only: mail folder
/// and calendarView delta, paged by <c>Prefer: odata.maxpagesize</c> with next links, ending in a
/// delta link that reports no changes. Enough for the real SDK and worker to run unaware.
/// </summary>
public sealed partial class SampleGraphServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly SampleMailbox mailbox;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long requests;

    private SampleGraphServer(SampleMailbox mailbox, int port)
    {
        this.mailbox = mailbox;
        BaseUrl = $"http://127.0.0.1:{port}/v1.0";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    /// <summary>The value for <c>Graph:BaseUrl</c>.</summary>
    public string BaseUrl { get; }

    public long Requests => Interlocked.Read(ref requests);

    public static SampleGraphServer Start(SampleMailbox mailbox) => new(mailbox, FreePort());

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested || !listener.IsListening)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref requests);
        var response = context.Response;
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            if (await ServeItemAsync(path, context.Request.QueryString, response)) return;
            var match = DeltaPath().Match(path);
            if (!match.Success)
            {
                response.StatusCode = 404;
                return;
            }
            var user = Uri.UnescapeDataString(match.Groups["user"].Value);
            var stream = match.Groups["folders"].Success ? MailboxStream.Folders : match.Groups["folder"].Value.ToLowerInvariant() switch
            {
                "inbox" => MailboxStream.Inbox,
                "sentitems" => MailboxStream.SentItems,
                "folder-clients" => MailboxStream.MailFolder,
                "" => MailboxStream.Calendar,
                _ => (MailboxStream?)null,
            };
            if (stream is null)
            {
                response.StatusCode = 404;
                return;
            }

            var query = context.Request.QueryString;
            var pageSize = PageSize(context.Request.Headers.GetValues("Prefer"));
            var total = mailbox.Count(stream.Value);
            var skip = query["$deltatoken"] is not null ? total : int.TryParse(query["$skiptoken"], out var s) ? s : 0;
            var take = Math.Min(pageSize, Math.Max(0, total - skip));
            var linkBase = $"{BaseUrl}{path[(path.IndexOf("/users/", StringComparison.Ordinal))..]}";

            response.StatusCode = 200;
            response.ContentType = "application/json";
            response.SendChunked = true;
            await using (var json = new Utf8JsonWriter(response.OutputStream))
            {
                json.WriteStartObject();
                json.WriteString("@odata.context", $"{BaseUrl}/$metadata#Collection(microsoft.graph.{stream switch { MailboxStream.Calendar => "event", MailboxStream.Folders => "mailFolder", _ => "message" }})");
                json.WriteStartArray("value");
                for (var i = skip; i < skip + take; i++)
                {
                    mailbox.Write(json, user, stream.Value, i);
                    if (json.BytesPending > 32_768) await json.FlushAsync();
                }
                json.WriteEndArray();
                if (skip + take < total) json.WriteString("@odata.nextLink", $"{linkBase}?$skiptoken={skip + take}");
                else json.WriteString("@odata.deltaLink", $"{linkBase}?$deltatoken=sample-{total}");
                json.WriteEndObject();
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception)
            {
                // The client went away; nothing to tell it.
            }
        }
    }

    /// <summary>
    /// Single items and plain lists: a well-known folder's id (<c>mailFolders/{name}</c>), a series master
    /// (<c>events/{id}</c>), a history search (<c>messages?$search="participants:{address}"</c>), the message lookup by
    /// internetMessageId (which finds nothing here), and <c>calendarView</c> (every sample meeting lies within any
    /// history window, so its start and end are not applied). Lists come in one page: a demo mailbox is small.
    /// </summary>
    private async Task<bool> ServeItemAsync(string path, System.Collections.Specialized.NameValueCollection query, HttpListenerResponse response)
    {
        var match = ItemPath().Match(path);
        if (!match.Success) return false;
        var user = Uri.UnescapeDataString(match.Groups["user"].Value);
        var id = Uri.UnescapeDataString(match.Groups["id"].Value);
        response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(response.OutputStream);
        switch (match.Groups["kind"].Value)
        {
            case "mailFolders" when id is "inbox" or "sentitems" or "drafts":
                json.WriteStartObject();
                json.WriteString("id", SampleMailbox.FolderId(id));
                json.WriteEndObject();
                return true;
            case "events":
                var buffer = new System.IO.MemoryStream();
                await using (var master = new Utf8JsonWriter(buffer))
                {
                    if (!mailbox.WriteSeriesMaster(master, user, id)) break;
                }
                await response.OutputStream.WriteAsync(buffer.ToArray());
                return true;
            case "messages":
                var participant = SearchedParticipant().Match(query["$search"] ?? "");
                json.WriteStartObject();
                json.WriteStartArray("value");
                if (participant.Success)
                    foreach (var (stream, index) in mailbox.MessagesWith(user, participant.Groups["address"].Value))
                        mailbox.Write(json, user, stream, index);
                json.WriteEndArray();
                json.WriteEndObject();
                return true;
            case "calendarView":
                json.WriteStartObject();
                json.WriteStartArray("value");
                for (var index = 0; index < mailbox.Count(MailboxStream.Calendar); index++) mailbox.Write(json, user, MailboxStream.Calendar, index);
                json.WriteEndArray();
                json.WriteEndObject();
                return true;
        }
        response.StatusCode = 404;
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("code", "ErrorItemNotFound");
        json.WriteString("message", "The specified object was not found in the store.");
        json.WriteEndObject();
        json.WriteEndObject();
        return true;
    }

    private static int PageSize(string[]? prefer)
    {
        foreach (var value in prefer ?? [])
            foreach (var part in value.Split(','))
                if (part.Trim().StartsWith("odata.maxpagesize=", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(part.Trim()["odata.maxpagesize=".Length..], out var size) && size > 0)
                    return Math.Min(size, 1000);
        return 10;
    }

    [GeneratedRegex("^/v1\\.0/users/(?<user>[^/]+)/(?:mailFolders/(?<folder>[^/]+)/messages|calendarView|(?<folders>mailFolders))/delta(?:\\(\\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex DeltaPath();

    [GeneratedRegex("^/v1\\.0/users/(?<user>[^/]+)/(?<kind>mailFolders|events)/(?<id>[^/()]+)$|^/v1\\.0/users/(?<user>[^/]+)/(?<kind>messages|calendarView)(?<id>)$")]
    private static partial Regex ItemPath();

    [GeneratedRegex("^\"participants:(?<address>[^\"]+)\"$")]
    private static partial Regex SearchedParticipant();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }
        listener.Close();
        stop.Dispose();
    }
}
