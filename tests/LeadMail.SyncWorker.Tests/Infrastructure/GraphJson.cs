using System.Text.Json.Nodes;

namespace LeadMail.SyncWorker.Tests.Infrastructure;

/// <summary>Graph's JSON for messages and events, as the delta endpoints return them.</summary>
public static class GraphJson
{
    public static JsonObject Message(string internetMessageId, string from, string[] to, DateTime at,
        string[]? cc = null, string[]? bcc = null, string subject = "Hello", bool isDraft = false) => new()
    {
        ["id"] = "AAMk" + internetMessageId.GetHashCode().ToString("x"),
        ["internetMessageId"] = internetMessageId,
        ["subject"] = subject,
        ["receivedDateTime"] = at.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["sentDateTime"] = at.AddSeconds(-3).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["isDraft"] = isDraft,
        ["from"] = Recipient(from),
        ["toRecipients"] = Recipients(to),
        ["ccRecipients"] = Recipients(cc ?? []),
        ["bccRecipients"] = Recipients(bcc ?? []),
    };

    public static JsonObject Event(string iCalUId, DateTime start, string organizer, string[] attendees,
        bool cancelled = false, string subject = "Meeting") => new()
    {
        ["id"] = "AAMkEv" + iCalUId,
        ["iCalUId"] = iCalUId,
        ["subject"] = subject,
        ["isCancelled"] = cancelled,
        ["start"] = new JsonObject { ["dateTime"] = start.ToString("yyyy-MM-ddTHH:mm:ss.fffffff"), ["timeZone"] = "UTC" },
        ["end"] = new JsonObject { ["dateTime"] = start.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ss.fffffff"), ["timeZone"] = "UTC" },
        ["organizer"] = Recipient(organizer),
        ["attendees"] = new JsonArray(attendees.Select(a => (JsonNode)new JsonObject
        {
            ["type"] = "required",
            ["emailAddress"] = new JsonObject { ["address"] = a, ["name"] = a.Split('@')[0] },
        }).ToArray()),
    };

    /// <summary>An item deleted from the folder since the last round: only its id and the @removed marker.</summary>
    public static JsonObject Removed(string id) => new() { ["id"] = id, ["@removed"] = new JsonObject { ["reason"] = "deleted" } };

    private static JsonObject Recipient(string address) =>
        new() { ["emailAddress"] = new JsonObject { ["address"] = address, ["name"] = address.Split('@')[0] } };

    private static JsonArray Recipients(IEnumerable<string> addresses) => new(addresses.Select(a => (JsonNode)Recipient(a)).ToArray());
}
