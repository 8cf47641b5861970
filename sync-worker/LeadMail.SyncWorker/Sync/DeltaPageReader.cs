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

    /// <summary>Any error status becomes the SDK's ODataError (code, message), as the generated builders map it.</summary>
    private static readonly Dictionary<string, ParsableFactory<IParsable>> GraphErrors = new() { ["XXX"] = ODataError.CreateFromDiscriminatorValue };

    /// <summary>A page of one of a mailbox's streams by name, as its kind reads it: for callers that read without syncing.</summary>
    /// <param name="mailbox">The rep's Entra object id or SMTP address.</param>
    /// <param name="link">The stored next or delta link; null to start the stream from scratch.</param>
    public Task<DeltaPage> ReadAsync(string mailbox, MailboxStream stream, string? link, CancellationToken ct) => stream switch
    {
        MailboxStream.Calendar => ReadCalendarAsync(mailbox, link, ct),
        MailboxStream.SentItems => ReadMailFolderAsync(mailbox, MailFolder.SentItems.GraphName, link, ct),
        _ => ReadMailFolderAsync(mailbox, MailFolder.Inbox.GraphName, link, ct),
    };

    /// <param name="folder">Graph's name for the folder (a well-known name such as <c>inbox</c>, or its id).</param>
    public Task<DeltaPage> ReadMailFolderAsync(string mailbox, string folder, string? link, CancellationToken ct) =>
        KeepingSyncStateAsync(folder, () => ReadMessagesAsync(mailbox, folder, link, ct));

    public Task<DeltaPage> ReadCalendarAsync(string mailbox, string? link, CancellationToken ct) =>
        KeepingSyncStateAsync("calendar", () => ReadEventsAsync(mailbox, link, ct));

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

    private async Task<DeltaPage> ReadMessagesAsync(string mailbox, string folder, string? link, CancellationToken ct)
    {
        var builder = graph.Users[mailbox].MailFolders[folder].Messages.Delta;
        if (link is not null) builder = builder.WithUrl(link);
        var request = builder.ToGetRequestInformation(request =>
        {
            // Next and delta links already carry $select; only the first request states it.
            if (link is null) request.QueryParameters.Select = MessageFields;
            AddPreferences(request.Headers);
        });
        var page = await SendAsync(request, DeltaJson.Default.DeltaResponseGraphMessage, ct);
        var messages = (page.Value ?? []).Select(ToMailItem).ToList();
        return new DeltaPage(messages, [], page.NextLink, page.DeltaLink);
    }

    private async Task<DeltaPage> ReadEventsAsync(string mailbox, string? link, CancellationToken ct)
    {
        var builder = graph.Users[mailbox].CalendarView.Delta;
        if (link is not null) builder = builder.WithUrl(link);
        var now = clock.GetUtcNow();
        var request = builder.ToGetRequestInformation(request =>
        {
            // calendarView/delta takes no $select; the window is fixed by the first request and carried by the links.
            if (link is null)
            {
                request.QueryParameters.StartDateTime = now.AddDays(-options.Value.CalendarDaysBack).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                request.QueryParameters.EndDateTime = now.AddDays(options.Value.CalendarDaysAhead).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            }
            AddPreferences(request.Headers);
        });
        var page = await SendAsync(request, DeltaJson.Default.DeltaResponseGraphEvent, ct);
        var meetings = (page.Value ?? []).Select(ToMeetingItem).ToList();
        return new DeltaPage([], meetings, page.NextLink, page.DeltaLink);
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
        return new MailItem(m.InternetMessageId, ToParticipant(m.From), recipients, at, m.Subject, m.IsDraft == true, m.Removed is not null);
    }

    private static MeetingItem ToMeetingItem(GraphEvent e)
    {
        var participants = (e.Attendees ?? []).Select(ToParticipant)
            .Append(ToParticipant(e.Organizer)).OfType<Participant>().ToList();
        return new MeetingItem(e.Id, e.ICalUId, e.Subject, ToUtc(e.Start), ToUtc(e.End), e.IsCancelled == true, participants, e.Removed is not null);
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
