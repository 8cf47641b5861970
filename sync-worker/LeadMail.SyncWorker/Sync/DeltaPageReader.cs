using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LeadMail.Core.Sync;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using LeadMail.SyncWorker.Graph;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// Page fetch: reads one page of a mailbox stream from Graph's delta endpoints through the SDK's
/// request builders (<c>WithUrl</c> for next and delta links). Asks for only the fields that make
/// touches, the largest page size, and immutable ids. Retries live in the HttpClient beneath. A page is
/// parsed into <see cref="DeltaJson"/>'s narrow model rather than the SDK's Message and Event.
/// </summary>
public sealed class DeltaPageReader(GraphServiceClient graph, IOptions<SyncOptions> options, TimeProvider clock)
{
    private static readonly string[] MessageFields =
        ["internetMessageId", "from", "toRecipients", "ccRecipients", "bccRecipients", "subject", "receivedDateTime", "sentDateTime", "isDraft"];

    private static readonly string[] EventFields =
        ["iCalUId", "subject", "start", "end", "isCancelled", "attendees", "organizer", "type", "seriesMasterId", "originalStart", "responseStatus"];

    private static readonly string[] FolderFields = ["displayName", "parentFolderId", "totalItemCount"];

    /// <summary>The internetMessageHeaders <see cref="MessageClassifier"/> reads; the rest of a message's headers are dropped when parsed.</summary>
    private static readonly HashSet<string> HeadersRead = new(StringComparer.OrdinalIgnoreCase)
    {
        "List-Unsubscribe", "List-Id", "Precedence", "Auto-Submitted", "X-Auto-Response-Suppress", "Content-Type",
        "In-Reply-To", "References", "X-Failed-Recipients",
    };

    /// <summary>Any error status becomes the SDK's ODataError (code, message), as the generated builders map it.</summary>
    private static readonly Dictionary<string, ParsableFactory<IParsable>> GraphErrors = new() { ["XXX"] = ODataError.CreateFromDiscriminatorValue };

    /// <summary>A page of one of a mailbox's fixed streams by name: for callers that read without syncing.</summary>
    /// <param name="mailbox">The rep's Entra object id or SMTP address.</param>
    /// <param name="link">The stored next or delta link; null to start the stream from scratch.</param>
    public Task<DeltaPage> ReadAsync(string mailbox, MailboxStream stream, string? link, CancellationToken ct) => stream switch
    {
        MailboxStream.Calendar => ReadCalendarAsync(mailbox, link, ct),
        MailboxStream.Folders => ReadFoldersAsync(mailbox, link, ct),
        MailboxStream.SentItems => ReadMailFolderAsync(mailbox, MailFolder.SentItems.GraphName!, link, withHeaders: false, ct),
        _ => ReadMailFolderAsync(mailbox, MailFolder.Inbox.GraphName!, link, withHeaders: true, ct),
    };

    /// <param name="folder">Graph's name for the folder (a well-known name such as <c>inbox</c>, or its id).</param>
    /// <param name="withHeaders">Also ask for internetMessageHeaders, which tell bulk, automatic mail and delivery reports apart.</param>
    /// <exception cref="FolderGoneException">The folder was deleted from the mailbox.</exception>
    public async Task<DeltaPage> ReadMailFolderAsync(string mailbox, string folder, string? link, bool withHeaders, CancellationToken ct)
    {
        try
        {
            return await KeepingSyncStateAsync(folder, () => ReadMessagesAsync(mailbox, folder, link, withHeaders, ct));
        }
        catch (ApiException e) when (e.ResponseStatusCode == 404)
        {
            throw new FolderGoneException(folder, e);
        }
    }

    /// <param name="window">The calendarView to start when <paramref name="link"/> is null; the links carry it after that.</param>
    public Task<DeltaPage> ReadCalendarAsync(string mailbox, string? link, CancellationToken ct, (DateTime Start, DateTime End)? window = null) =>
        KeepingSyncStateAsync("calendar", () => ReadEventsAsync(mailbox, link, window, ct));

    /// <summary>A page of the mailbox's folder list (<c>mailFolders/delta</c>, every folder with its children).</summary>
    public Task<DeltaPage> ReadFoldersAsync(string mailbox, string? link, CancellationToken ct) =>
        KeepingSyncStateAsync("the folder list", async () =>
        {
            var builder = graph.Users[mailbox].MailFolders.Delta;
            if (link is not null) builder = builder.WithUrl(link);
            var request = builder.ToGetRequestInformation(request =>
            {
                if (link is null) request.QueryParameters.Select = FolderFields;
                AddPreferences(request.Headers);
            });
            var page = await SendAsync(request, DeltaJson.Default.DeltaResponseGraphFolder, ct);
            var folders = (page.Value ?? []).Where(f => f.Id is { Length: > 0 })
                .Select(f => new FolderItem(f.Id!, f.DisplayName, f.TotalItemCount, f.Removed is not null) { WellKnownName = f.WellKnownName, ParentId = f.ParentFolderId })
                .ToList();
            return new DeltaPage([], [], page.NextLink, page.DeltaLink) { Folders = folders };
        });

    /// <summary>The id of one of Outlook's default folders by its well-known name; null when the mailbox has none.</summary>
    public async Task<string?> WellKnownFolderIdAsync(string mailbox, string wellKnownName, CancellationToken ct)
    {
        var request = graph.Users[mailbox].MailFolders[wellKnownName].ToGetRequestInformation(request =>
        {
            request.QueryParameters.Select = ["id"];
            AddPreferences(request.Headers);
        });
        return (await GetOrNullAsync(request, DeltaJson.Default.GraphFolder, ct))?.Id;
    }

    /// <summary>One event by id (<c>GET /events/{id}</c>): a series master, or an event outside what the calendarView shows. Null when deleted.</summary>
    public async Task<MeetingItem?> GetEventAsync(string mailbox, string id, CancellationToken ct)
    {
        var request = graph.Users[mailbox].Events[id].ToGetRequestInformation(request => AddPreferences(request.Headers));
        return await GetOrNullAsync(request, DeltaJson.Default.GraphEvent, ct) is { } found ? ToMeetingItem(found) : null;
    }

    /// <summary>A message of the mailbox by its internetMessageId, wherever it is filed; null when there is none.</summary>
    public async Task<MailItem?> FindMessageAsync(string mailbox, string internetMessageId, CancellationToken ct)
    {
        var request = graph.Users[mailbox].Messages.ToGetRequestInformation(request =>
        {
            // OData string literals double their quotes.
            request.QueryParameters.Filter = $"internetMessageId eq '{internetMessageId.Replace("'", "''", StringComparison.Ordinal)}'";
            request.QueryParameters.Select = MessageFields;
            request.QueryParameters.Top = 1;
            AddPreferences(request.Headers);
        });
        var page = await SendAsync(request, DeltaJson.Default.DeltaResponseGraphMessage, ct);
        return (page.Value ?? []).Select(ToMailItem).FirstOrDefault();
    }

    /// <summary>
    /// A page of the mailbox's messages that name <paramref name="address"/> as sender or recipient, in every folder,
    /// newest first: <c>GET messages?$search="participants:{address}"</c> (KQL's participants covers from, to, cc and
    /// bcc). Graph returns at most 1,000 results for a <c>$search</c> and takes no <c>$filter</c> or <c>$orderby</c>
    /// with it, so the caller drops what is older than its window and stops paging there.
    /// </summary>
    /// <param name="link">The previous page's <c>@odata.nextLink</c>; null for the first page.</param>
    /// <returns>The page's messages, with their folder and headers, and the next link (none on the last page).</returns>
    public async Task<(IReadOnlyList<MailItem> Messages, string? NextLink)> SearchMessagesAsync(string mailbox, string address, string? link, CancellationToken ct)
    {
        var builder = graph.Users[mailbox].Messages;
        var request = (link is null ? builder : builder.WithUrl(link)).ToGetRequestInformation(request =>
        {
            if (link is null)
            {
                // A $search value is one quoted KQL query; an address holds no quote (EmailAddress.IsValid).
                request.QueryParameters.Search = $"\"participants:{address}\"";
                request.QueryParameters.Select = [.. MessageFields, "internetMessageHeaders", "parentFolderId"];
                request.QueryParameters.Top = Math.Min(options.Value.PageSize, 1000);
            }
            AddPreferences(request.Headers);
        });
        var page = await SendAsync(request, DeltaJson.Default.DeltaResponseGraphMessage, ct);
        return ((page.Value ?? []).Select(ToMailItem).ToList(), page.NextLink);
    }

    /// <summary>
    /// A page of the calendar's meetings between <paramref name="start"/> and <paramref name="end"/>
    /// (<c>GET calendarView</c>: occurrences of a series expanded, each with its attendees). Graph offers no filter on
    /// attendees, so the caller picks the meetings of the address it fetches for.
    /// </summary>
    public async Task<(IReadOnlyList<MeetingItem> Meetings, string? NextLink)> ReadCalendarViewAsync(
        string mailbox, DateTime start, DateTime end, string? link, CancellationToken ct)
    {
        var builder = graph.Users[mailbox].CalendarView;
        var request = (link is null ? builder : builder.WithUrl(link)).ToGetRequestInformation(request =>
        {
            if (link is null)
            {
                request.QueryParameters.StartDateTime = start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                request.QueryParameters.EndDateTime = end.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                request.QueryParameters.Select = EventFields;
                request.QueryParameters.Top = Math.Min(options.Value.PageSize, 1000);
            }
            AddPreferences(request.Headers);
        });
        var page = await SendAsync(request, DeltaJson.Default.DeltaResponseGraphEvent, ct);
        return ((page.Value ?? []).Select(ToMeetingItem).ToList(), page.NextLink);
    }

    private static async Task<DeltaPage> KeepingSyncStateAsync(string what, Func<Task<DeltaPage>> read)
    {
        try
        {
            return await read();
        }
        catch (ApiException e) when (e.ResponseStatusCode == 410 || IsSyncStateError(e))
        {
            throw new SyncStateLostException($"Graph no longer knows the sync state of {what} ({e.ResponseStatusCode}): starting again.", e);
        }
    }

    private async Task<DeltaPage> ReadMessagesAsync(string mailbox, string folder, string? link, bool withHeaders, CancellationToken ct)
    {
        var builder = graph.Users[mailbox].MailFolders[folder].Messages.Delta;
        if (link is not null) builder = builder.WithUrl(link);
        var request = builder.ToGetRequestInformation(request =>
        {
            // Next and delta links already carry $select; only the first request states it.
            if (link is null) request.QueryParameters.Select = withHeaders ? [.. MessageFields, "internetMessageHeaders"] : MessageFields;
            AddPreferences(request.Headers);
        });
        var page = await SendAsync(request, DeltaJson.Default.DeltaResponseGraphMessage, ct);
        var messages = (page.Value ?? []).Select(ToMailItem).ToList();
        return new DeltaPage(messages, [], page.NextLink, page.DeltaLink);
    }

    private async Task<DeltaPage> ReadEventsAsync(string mailbox, string? link, (DateTime Start, DateTime End)? window, CancellationToken ct)
    {
        var builder = graph.Users[mailbox].CalendarView.Delta;
        if (link is not null) builder = builder.WithUrl(link);
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = window ?? (now.AddDays(-options.Value.CalendarDaysBack), now.AddDays(options.Value.CalendarDaysAhead));
        var request = builder.ToGetRequestInformation(request =>
        {
            // calendarView/delta takes no $select; the window is fixed by the first request and carried by the links.
            if (link is null)
            {
                request.QueryParameters.StartDateTime = start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                request.QueryParameters.EndDateTime = end.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            }
            AddPreferences(request.Headers);
        });
        var page = await SendAsync(request, DeltaJson.Default.DeltaResponseGraphEvent, ct);
        var meetings = (page.Value ?? []).Select(ToMeetingItem).ToList();
        return new DeltaPage([], meetings, page.NextLink, page.DeltaLink) { WindowEndsAt = link is null ? end : null };
    }

    /// <summary>A single item through the SDK's adapter; null when Graph answers 404.</summary>
    private async Task<T?> GetOrNullAsync<T>(RequestInformation request, JsonTypeInfo<T> type, CancellationToken ct) where T : class
    {
        try
        {
            await using var body = await graph.RequestAdapter.SendPrimitiveAsync<Stream>(request, GraphErrors, ct);
            return body is null ? null : await JsonSerializer.DeserializeAsync(body, type, ct);
        }
        catch (ApiException e) when (e.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Sends the SDK-built request through the SDK's adapter (credentials, the HttpClient's retries, Graph
    /// errors mapped to <see cref="ODataError"/> as the generated builders map them) and parses a
    /// successful page with the source-generated model.
    /// </summary>
    private async Task<DeltaResponse<T>> SendAsync<T>(RequestInformation request, JsonTypeInfo<DeltaResponse<T>> type, CancellationToken ct)
    {
        await using var body = await graph.RequestAdapter.SendPrimitiveAsync<Stream>(request, GraphErrors, ct)
            ?? throw new InvalidOperationException("Graph returned an empty delta response.");
        return await JsonSerializer.DeserializeAsync(body, type, ct)
            ?? throw new InvalidOperationException("Graph returned an empty delta response.");
    }

    private void AddPreferences(RequestHeaders headers)
    {
        headers.Add("Prefer", $"odata.maxpagesize={options.Value.PageSize}");
        // Immutable ids survive moves between folders, so a moved message is not a new item.
        headers.Add("Prefer", "IdType=\"ImmutableId\"");
        // Event times in UTC, whatever the mailbox's time zone.
        headers.Add("Prefer", "outlook.timezone=\"UTC\"");
    }

    private static bool IsSyncStateError(ApiException e) =>
        e is ODataError { Error.Code: { } code } && (code.Equals("syncStateNotFound", StringComparison.OrdinalIgnoreCase)
            || code.Equals("resyncRequired", StringComparison.OrdinalIgnoreCase) || code.Equals("SyncStateInvalid", StringComparison.OrdinalIgnoreCase));

    private static MailItem ToMailItem(GraphMessage m)
    {
        var recipients = (m.ToRecipients ?? []).Concat(m.CcRecipients ?? []).Concat(m.BccRecipients ?? [])
            .Select(ToParticipant).OfType<Participant>().ToList();
        var at = ToUtc(m.SentDateTime) ?? ToUtc(m.ReceivedDateTime);
        var headers = m.InternetMessageHeaders?.Where(h => h.Name is not null && h.Value is not null && HeadersRead.Contains(h.Name))
            .GroupBy(h => h.Name!.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(h => h.Value)));
        return new MailItem(m.InternetMessageId, ToParticipant(m.From), recipients, at, m.Subject, m.IsDraft == true, m.Removed is not null,
            m.Id, m.ODataType, headers, m.ParentFolderId);
    }

    private static MeetingItem ToMeetingItem(GraphEvent e)
    {
        var attendees = (e.Attendees ?? []).Where(a => a.EmailAddress?.Address is { Length: > 0 }).ToList();
        var organizer = ToParticipant(e.Organizer);
        var participants = attendees.Select(a => new Participant(a.EmailAddress!.Address!, a.EmailAddress.Name))
            .Append(organizer).OfType<Participant>().ToList();
        var responses = attendees.Where(a => a.Status?.Response is { Length: > 0 })
            .GroupBy(a => LeadMail.Core.Contacts.EmailAddress.Normalize(a.EmailAddress!.Address!))
            .ToDictionary(g => g.Key, g => g.First().Status!.Response!);
        return new MeetingItem(e.Id, e.ICalUId, e.Subject, ToUtc(e.Start), ToUtc(e.End), e.IsCancelled == true, participants, e.Removed is not null,
            e.Type, e.SeriesMasterId, ToUtc(e.OriginalStart), e.ResponseStatus?.Response, responses, organizer);
    }

    private static Participant? ToParticipant(GraphRecipient? recipient) =>
        recipient?.EmailAddress?.Address is { Length: > 0 } address ? new Participant(address, recipient.EmailAddress.Name) : null;

    /// <summary>An Edm.DateTimeOffset (sentDateTime, receivedDateTime); null when absent or unreadable, as the SDK reads it.</summary>
    private static DateTime? ToUtc(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;

    /// <summary>Graph's dateTimeTimeZone: UTC because we ask for it, but honour another zone if one comes back.</summary>
    private static DateTime? ToUtc(GraphDateTimeTimeZone? value)
    {
        if (value?.DateTime is null || !DateTime.TryParse(value.DateTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (string.IsNullOrEmpty(value.TimeZone) || value.TimeZone.Equals("UTC", StringComparison.OrdinalIgnoreCase))
            return DateTime.SpecifyKind(local, DateTimeKind.Utc);
        return TimeZoneInfo.TryFindSystemTimeZoneById(value.TimeZone, out var zone)
            ? TimeZoneInfo.ConvertTimeToUtc(local, zone)
            : DateTime.SpecifyKind(local, DateTimeKind.Utc);
    }
}
