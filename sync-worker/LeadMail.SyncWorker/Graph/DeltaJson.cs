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

internal sealed class GraphMessage
{
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
    [JsonPropertyName("@removed")] public GraphRemoved? Removed { get; set; }
}

/// <summary>Graph's dateTimeTimeZone: a local time and the zone it is in.</summary>
internal sealed class GraphDateTimeTimeZone
{
    [JsonPropertyName("dateTime")] public string? DateTime { get; set; }
    [JsonPropertyName("timeZone")] public string? TimeZone { get; set; }
}

internal sealed class GraphEvent
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("iCalUId")] public string? ICalUId { get; set; }
    [JsonPropertyName("subject")] public string? Subject { get; set; }
    [JsonPropertyName("start")] public GraphDateTimeTimeZone? Start { get; set; }
    [JsonPropertyName("end")] public GraphDateTimeTimeZone? End { get; set; }
    [JsonPropertyName("isCancelled")] public bool? IsCancelled { get; set; }
    [JsonPropertyName("attendees")] public List<GraphRecipient>? Attendees { get; set; }
    [JsonPropertyName("organizer")] public GraphRecipient? Organizer { get; set; }
    [JsonPropertyName("@removed")] public GraphRemoved? Removed { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(DeltaResponse<GraphMessage>))]
[JsonSerializable(typeof(DeltaResponse<GraphEvent>))]
internal sealed partial class DeltaJson : JsonSerializerContext;
