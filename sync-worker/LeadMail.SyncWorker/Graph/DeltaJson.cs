using System.Text.Json.Serialization;

namespace LeadMail.SyncWorker.Graph;

/// <summary>
/// The fields of Graph's delta pages that make touches, and nothing else, for System.Text.Json's source
/// generator. The SDK still builds and sends the requests (URLs, headers, credentials, error mapping);
/// only the parsing of a successful page is ours: Kiota's parse nodes and backing stores cost ten times
/// the HTTP stack per message during a backfill (docs/benchmarks.md, "Sync backfill"). Fields Graph adds
/// that are not here are skipped, as the SDK would keep them in AdditionalData nobody reads.
/// </summary>
internal sealed class DeltaResponse<T>
{
    [JsonPropertyName("value")] public List<T>? Value { get; set; }
    [JsonPropertyName("@odata.nextLink")] public string? NextLink { get; set; }
    [JsonPropertyName("@odata.deltaLink")] public string? DeltaLink { get; set; }
}

internal sealed class GraphEmailAddress
{
    [JsonPropertyName("address")] public string? Address { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
}

/// <summary>A recipient, sender, attendee or organizer: all carry an emailAddress.</summary>
internal sealed class GraphRecipient
{
    [JsonPropertyName("emailAddress")] public GraphEmailAddress? EmailAddress { get; set; }
}

/// <summary>Present (with a reason) on an item deleted since the last round.</summary>
internal sealed class GraphRemoved
{
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

/// <summary>One of a message's internetMessageHeaders.</summary>
internal sealed class GraphHeader
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
}

internal sealed class GraphMessage
{
    /// <summary>Set on derived types: <c>#microsoft.graph.eventMessage</c> and its request and response.</summary>
    [JsonPropertyName("@odata.type")] public string? ODataType { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("internetMessageHeaders")] public List<GraphHeader>? InternetMessageHeaders { get; set; }
    [JsonPropertyName("internetMessageId")] public string? InternetMessageId { get; set; }
    [JsonPropertyName("from")] public GraphRecipient? From { get; set; }
    [JsonPropertyName("toRecipients")] public List<GraphRecipient>? ToRecipients { get; set; }
    [JsonPropertyName("ccRecipients")] public List<GraphRecipient>? CcRecipients { get; set; }
    [JsonPropertyName("bccRecipients")] public List<GraphRecipient>? BccRecipients { get; set; }
    [JsonPropertyName("subject")] public string? Subject { get; set; }

    // Kept as text and parsed leniently, as the SDK does: one odd date must not fail a whole page.
    [JsonPropertyName("receivedDateTime")] public string? ReceivedDateTime { get; set; }
    [JsonPropertyName("sentDateTime")] public string? SentDateTime { get; set; }
    [JsonPropertyName("isDraft")] public bool? IsDraft { get; set; }
    [JsonPropertyName("parentFolderId")] public string? ParentFolderId { get; set; }
    [JsonPropertyName("@removed")] public GraphRemoved? Removed { get; set; }
}

/// <summary>Graph's dateTimeTimeZone: a local time and the zone it is in.</summary>
internal sealed class GraphDateTimeTimeZone
{
    [JsonPropertyName("dateTime")] public string? DateTime { get; set; }
    [JsonPropertyName("timeZone")] public string? TimeZone { get; set; }
}

/// <summary>A response to a meeting: the mailbox owner's (responseStatus) or an attendee's (status).</summary>
internal sealed class GraphResponseStatus
{
    [JsonPropertyName("response")] public string? Response { get; set; }
}

internal sealed class GraphAttendee
{
    [JsonPropertyName("emailAddress")] public GraphEmailAddress? EmailAddress { get; set; }
    [JsonPropertyName("status")] public GraphResponseStatus? Status { get; set; }
}

internal sealed class GraphEvent
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("seriesMasterId")] public string? SeriesMasterId { get; set; }
    [JsonPropertyName("originalStart")] public string? OriginalStart { get; set; }
    [JsonPropertyName("responseStatus")] public GraphResponseStatus? ResponseStatus { get; set; }
    [JsonPropertyName("iCalUId")] public string? ICalUId { get; set; }
    [JsonPropertyName("subject")] public string? Subject { get; set; }
    [JsonPropertyName("start")] public GraphDateTimeTimeZone? Start { get; set; }
    [JsonPropertyName("end")] public GraphDateTimeTimeZone? End { get; set; }
    [JsonPropertyName("isCancelled")] public bool? IsCancelled { get; set; }
    [JsonPropertyName("attendees")] public List<GraphAttendee>? Attendees { get; set; }
    [JsonPropertyName("organizer")] public GraphRecipient? Organizer { get; set; }
    [JsonPropertyName("@removed")] public GraphRemoved? Removed { get; set; }
}

internal sealed class GraphFolder
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("displayName")] public string? DisplayName { get; set; }
    [JsonPropertyName("parentFolderId")] public string? ParentFolderId { get; set; }
    [JsonPropertyName("totalItemCount")] public long? TotalItemCount { get; set; }

    /// <summary>Given by Graph for Outlook's default folders where it names them; otherwise looked up by well-known name.</summary>
    [JsonPropertyName("wellKnownName")] public string? WellKnownName { get; set; }
    [JsonPropertyName("@removed")] public GraphRemoved? Removed { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(DeltaResponse<GraphMessage>))]
[JsonSerializable(typeof(DeltaResponse<GraphEvent>))]
[JsonSerializable(typeof(DeltaResponse<GraphFolder>))]
[JsonSerializable(typeof(GraphEvent))]
[JsonSerializable(typeof(GraphFolder))]
internal sealed partial class DeltaJson : JsonSerializerContext;
