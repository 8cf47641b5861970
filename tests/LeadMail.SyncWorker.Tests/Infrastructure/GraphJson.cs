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

    /// <summary>A message as a list of messages returns it with <c>$select=…,parentFolderId</c>: filed in <paramref name="folderId"/>.</summary>
    public static JsonObject InFolder(JsonObject message, string folderId)
    {
        message["parentFolderId"] = folderId;
        return message;
    }

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

    /// <summary>
    /// A message with some of its internetMessageHeaders, as <c>$select=internetMessageHeaders</c> returns them: a list of
    /// name/value pairs (https://learn.microsoft.com/graph/api/resources/internetmessageheader?view=graph-rest-1.0).
    /// </summary>
    public static JsonObject WithHeaders(JsonObject message, params (string Name, string Value)[] headers)
    {
        message["internetMessageHeaders"] = new JsonArray(headers.Select(h => (JsonNode)new JsonObject { ["name"] = h.Name, ["value"] = h.Value }).ToArray());
        return message;
    }

    /// <summary>
    /// A meeting message: <c>#microsoft.graph.eventMessage</c> (a cancellation, say), <c>eventMessageRequest</c> (an
    /// invitation) or <c>eventMessageResponse</c> (accepted, tentative, declined), with meetingMessageType and, for a
    /// response, responseType (https://learn.microsoft.com/graph/api/resources/eventmessage?view=graph-rest-1.0,
    /// https://learn.microsoft.com/graph/api/resources/eventmessagerequest?view=graph-rest-1.0,
    /// https://learn.microsoft.com/graph/api/resources/eventmessageresponse?view=graph-rest-1.0).
    /// </summary>
    public static JsonObject MeetingMessage(string odataType, string meetingMessageType, string internetMessageId, string from, string[] to, DateTime at,
        string? responseType = null)
    {
        var message = Message(internetMessageId, from, to, at, subject: "Accepted: Quarterly review");
        message["@odata.type"] = odataType;
        message["meetingMessageType"] = meetingMessageType;
        if (responseType is not null) message["responseType"] = responseType;
        return message;
    }

    /// <summary>A mail folder as <c>mailFolders/delta</c> lists it (https://learn.microsoft.com/graph/api/mailfolder-delta?view=graph-rest-1.0).</summary>
    public static JsonObject Folder(string id, string displayName, string parentFolderId, int totalItemCount = 0) => new()
    {
        ["id"] = id,
        ["displayName"] = displayName,
        ["parentFolderId"] = parentFolderId,
        ["childFolderCount"] = 0,
        ["unreadItemCount"] = 0,
        ["totalItemCount"] = totalItemCount,
    };

    /// <summary>
    /// A meeting with each attendee's response (attendee.status, https://learn.microsoft.com/graph/api/resources/attendee?view=graph-rest-1.0)
    /// and the calendar owner's own (event.responseStatus, https://learn.microsoft.com/graph/api/resources/event?view=graph-rest-1.0).
    /// </summary>
    public static JsonObject EventWithResponses(string iCalUId, DateTime start, string organizer, (string Address, string Response)[] attendees,
        string repResponse = "accepted", string subject = "Meeting")
    {
        var e = Event(iCalUId, start, organizer, attendees.Select(a => a.Address).ToArray(), subject: subject);
        e["type"] = "singleInstance";
        e["responseStatus"] = new JsonObject { ["response"] = repResponse, ["time"] = "0001-01-01T00:00:00Z" };
        var list = (JsonArray)e["attendees"]!;
        for (var i = 0; i < attendees.Length; i++)
            list[i]!["status"] = new JsonObject { ["response"] = attendees[i].Response, ["time"] = "0001-01-01T00:00:00Z" };
        return e;
    }

    /// <summary>
    /// An occurrence of a series as calendarView/delta often sends it: a stub with its id, type, seriesMasterId and times,
    /// nothing of the subject or attendees (https://learn.microsoft.com/graph/delta-query-events). An exception carries its
    /// originalStart, the time the occurrence was first scheduled (event resource).
    /// </summary>
    public static JsonObject Occurrence(string id, string seriesMasterId, DateTime start, DateTime? originalStart = null, string? subject = null)
    {
        var o = new JsonObject
        {
            ["id"] = id,
            ["type"] = originalStart is null ? "occurrence" : "exception",
            ["seriesMasterId"] = seriesMasterId,
            ["start"] = new JsonObject { ["dateTime"] = start.ToString("yyyy-MM-ddTHH:mm:ss.fffffff"), ["timeZone"] = "UTC" },
            ["end"] = new JsonObject { ["dateTime"] = start.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ss.fffffff"), ["timeZone"] = "UTC" },
        };
        if (originalStart is { } original) o["originalStart"] = original.ToString("yyyy-MM-ddTHH:mm:ssZ");
        if (subject is not null) o["subject"] = subject;
        return o;
    }

    /// <summary>A series master as <c>GET /events/{id}</c> returns it: type seriesMaster, the series' iCalUId, subject and attendees.</summary>
    public static JsonObject SeriesMaster(string id, string iCalUId, DateTime firstStart, string organizer, string[] attendees, string subject)
    {
        var master = Event(iCalUId, firstStart, organizer, attendees, subject: subject);
        master["id"] = id;
        master["type"] = "seriesMaster";
        master["recurrence"] = new JsonObject
        {
            ["pattern"] = new JsonObject { ["type"] = "weekly", ["interval"] = 1, ["daysOfWeek"] = new JsonArray("monday") },
            ["range"] = new JsonObject { ["type"] = "noEnd", ["startDate"] = firstStart.ToString("yyyy-MM-dd") },
        };
        return master;
    }

    /// <summary>An item deleted from the folder since the last round: only its id and the @removed marker.</summary>
    public static JsonObject Removed(string id) => new() { ["id"] = id, ["@removed"] = new JsonObject { ["reason"] = "deleted" } };

    private static JsonObject Recipient(string address) =>
        new() { ["emailAddress"] = new JsonObject { ["address"] = address, ["name"] = address.Split('@')[0] } };

    private static JsonArray Recipients(IEnumerable<string> addresses) => new(addresses.Select(a => (JsonNode)Recipient(a)).ToArray());
}
