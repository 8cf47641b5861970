using System.Globalization;
using LeadMail.Core.Sync;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// Stage one: reads one page of a mailbox stream from Graph's delta endpoints through the SDK's
/// request builders (<c>WithUrl</c> for next and delta links). Asks for only the fields that make
/// touches, the largest page size, and immutable ids. Retries live in the HttpClient beneath.
/// </summary>
public sealed class DeltaPageReader(GraphServiceClient graph, IOptions<SyncOptions> options, TimeProvider clock)
{
    private static readonly string[] MessageFields =
        ["internetMessageId", "from", "toRecipients", "ccRecipients", "bccRecipients", "subject", "receivedDateTime", "sentDateTime", "isDraft"];

    /// <param name="mailbox">The rep's Entra object id or SMTP address.</param>
    /// <param name="link">The stored next or delta link; null to start the stream from scratch.</param>
    public async Task<DeltaPage> ReadAsync(string mailbox, MailboxStream stream, string? link, CancellationToken ct)
    {
        try
        {
            return stream == MailboxStream.Calendar
                ? await ReadCalendarAsync(mailbox, link, ct)
                : await ReadMessagesAsync(mailbox, stream == MailboxStream.Inbox ? "inbox" : "sentitems", link, ct);
        }
        catch (ApiException e) when (e.ResponseStatusCode == 410 || IsSyncStateError(e))
        {
            throw new SyncStateLostException($"Graph no longer knows the sync state of {stream} ({e.ResponseStatusCode}): starting again.", e);
        }
    }

    private async Task<DeltaPage> ReadMessagesAsync(string mailbox, string folder, string? link, CancellationToken ct)
    {
        var builder = graph.Users[mailbox].MailFolders[folder].Messages.Delta;
        if (link is not null) builder = builder.WithUrl(link);
        var page = await builder.GetAsDeltaGetResponseAsync(request =>
        {
            // Next and delta links already carry $select; only the first request states it.
            if (link is null) request.QueryParameters.Select = MessageFields;
            AddPreferences(request.Headers);
        }, ct) ?? throw new InvalidOperationException("Graph returned an empty delta response.");
        var messages = (page.Value ?? []).Select(ToMailItem).ToList();
        return new DeltaPage(messages, [], page.OdataNextLink, page.OdataDeltaLink);
    }

    private async Task<DeltaPage> ReadCalendarAsync(string mailbox, string? link, CancellationToken ct)
    {
        var builder = graph.Users[mailbox].CalendarView.Delta;
        if (link is not null) builder = builder.WithUrl(link);
        var now = clock.GetUtcNow();
        var page = await builder.GetAsDeltaGetResponseAsync(request =>
        {
            // calendarView/delta takes no $select; the window is fixed by the first request and carried by the links.
            if (link is null)
            {
                request.QueryParameters.StartDateTime = now.AddDays(-options.Value.CalendarDaysBack).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                request.QueryParameters.EndDateTime = now.AddDays(options.Value.CalendarDaysAhead).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            }
            AddPreferences(request.Headers);
        }, ct) ?? throw new InvalidOperationException("Graph returned an empty delta response.");
        var meetings = (page.Value ?? []).Select(ToMeetingItem).ToList();
        return new DeltaPage([], meetings, page.OdataNextLink, page.OdataDeltaLink);
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

    private static bool IsRemoved(IDictionary<string, object>? additional) => additional?.ContainsKey("@removed") == true;

    private static MailItem ToMailItem(Message m)
    {
        var recipients = (m.ToRecipients ?? []).Concat(m.CcRecipients ?? []).Concat(m.BccRecipients ?? [])
            .Select(ToParticipant).OfType<Participant>().ToList();
        var at = m.SentDateTime ?? m.ReceivedDateTime;
        return new MailItem(m.InternetMessageId, ToParticipant(m.From), recipients, at?.UtcDateTime, m.Subject,
            m.IsDraft == true, IsRemoved(m.AdditionalData));
    }

    private static MeetingItem ToMeetingItem(Event e)
    {
        var participants = (e.Attendees ?? []).Select(a => ToParticipant(a))
            .Append(ToParticipant(e.Organizer)).OfType<Participant>().ToList();
        return new MeetingItem(e.ICalUId, e.Subject, ToUtc(e.Start), ToUtc(e.End), e.IsCancelled == true, participants, IsRemoved(e.AdditionalData));
    }

    private static Participant? ToParticipant(Recipient? recipient) =>
        recipient?.EmailAddress?.Address is { Length: > 0 } address ? new Participant(address, recipient.EmailAddress.Name) : null;

    /// <summary>Graph's dateTimeTimeZone: UTC because we ask for it, but honour another zone if one comes back.</summary>
    private static DateTime? ToUtc(DateTimeTimeZone? value)
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
