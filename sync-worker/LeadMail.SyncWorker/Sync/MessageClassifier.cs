namespace LeadMail.SyncWorker.Sync;

/// <summary>What a message in a mail folder is, as far as touches go.</summary>
public enum MessageKind
{
    /// <summary>Sent or received mail between people: a touch.</summary>
    Correspondence,

    /// <summary>A draft, a deleted or moved item, or one without an id or a time: never a touch, and never undoes one.</summary>
    NotMail,

    /// <summary>An invitation, response or cancellation (<c>eventMessage</c> and its request and response): the calendar logs the meeting.</summary>
    MeetingMessage,

    /// <summary>A newsletter or list mail (<c>List-Unsubscribe</c>, <c>List-Id</c>, <c>Precedence: bulk|list|junk</c>).</summary>
    Bulk,

    /// <summary>Mail a machine sent (<c>Auto-Submitted</c> other than <c>no</c>, an out-of-office reply).</summary>
    Automatic,

    /// <summary>A non-delivery report (<c>multipart/report; report-type=delivery-status</c>): the outbound touch it answers bounced.</summary>
    DeliveryReport,
}

/// <summary>
/// Which messages of a mail folder are correspondence with a lead, judged one message at a time before
/// anyone is matched: every mail stream asks here, so what is not the lead writing (or the rep writing to
/// them) is told apart in one place. Bulk and automatic mail are known by their headers, never by the
/// subject or Graph's inferenceClassification (Focused/Other), which sorts by relevance, not by sender.
/// </summary>
public sealed class MessageClassifier
{
    /// <summary>
    /// A message that was sent or received and can be keyed. A deleted or moved message does not undo a
    /// touch that happened; drafts were never sent.
    /// </summary>
    public bool MakesTouch(MailItem message) => Classify(message) == MessageKind.Correspondence;

    public MessageKind Classify(MailItem message)
    {
        if (message.Removed || message.IsDraft || message.InternetMessageId is not { Length: > 0 } || message.At is null) return MessageKind.NotMail;
        // https://learn.microsoft.com/graph/api/resources/eventmessage: eventMessage, eventMessageRequest, eventMessageResponse.
        if (message.ODataType is { } type && type.StartsWith("#microsoft.graph.eventMessage", StringComparison.OrdinalIgnoreCase)) return MessageKind.MeetingMessage;
        if (IsDeliveryReport(message)) return MessageKind.DeliveryReport;
        if (IsAutomatic(message)) return MessageKind.Automatic;
        if (IsBulk(message)) return MessageKind.Bulk;
        return MessageKind.Correspondence;
    }

    /// <summary>The internetMessageId of the message a delivery report answers (In-Reply-To, else the last of References).</summary>
    public static string? AnsweredMessageId(MailItem report)
    {
        var inReplyTo = MessageIds(report.Header("in-reply-to")).FirstOrDefault();
        return inReplyTo ?? MessageIds(report.Header("references")).LastOrDefault();
    }

    /// <summary>The recipients a delivery report names as failed (<c>X-Failed-Recipients</c>); empty when it names none.</summary>
    public static IReadOnlyList<string> FailedRecipients(MailItem report) =>
        report.Header("x-failed-recipients") is { } failed
            ? failed.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(a => a.Contains('@')).ToList()
            : [];

    private static bool IsDeliveryReport(MailItem message) =>
        message.Header("content-type") is { } contentType
        && contentType.Contains("multipart/report", StringComparison.OrdinalIgnoreCase)
        && contentType.Contains("delivery-status", StringComparison.OrdinalIgnoreCase);

    private static bool IsAutomatic(MailItem message)
    {
        // RFC 3834: anything but "no" was sent by a machine (auto-replied, auto-generated, auto-notified).
        if (message.Header("auto-submitted") is { } submitted && !submitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase)) return true;
        // Exchange marks its automatic replies (out of office among them) so that they are not answered in turn.
        return message.Header("x-auto-response-suppress") is { } suppress
            && suppress.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Any(v => v.Equals("All", StringComparison.OrdinalIgnoreCase) || v.Equals("OOF", StringComparison.OrdinalIgnoreCase)
                    || v.Equals("AutoReply", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsBulk(MailItem message)
    {
        if (message.Header("list-unsubscribe") is not null || message.Header("list-id") is not null) return true;
        return message.Header("precedence")?.Trim().ToLowerInvariant() is "bulk" or "list" or "junk";
    }

    private static IEnumerable<string> MessageIds(string? header) =>
        header is null ? [] : header.Split([' ', ',', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Where(id => id.StartsWith('<') && id.EndsWith('>'));
}
