using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;

namespace LeadMail.SyncWorker.Sync;

/// <summary>A mail folder read as a stream: Graph's well-known name for it, and which way its mail went.</summary>
/// <param name="GraphName">The folder's segment in <c>mailFolders/{name}/messages/delta</c>; null for a folder named by its stream's <see cref="MailboxClaim.FolderId"/>.</param>
/// <param name="Direction">Which way all its mail went; null when each message says (mail from the rep went out).</param>
public sealed record MailFolder(MailboxStream Stream, string? GraphName, Direction? Direction)
{
    public static readonly MailFolder Inbox = new(MailboxStream.Inbox, "inbox", LeadMail.Core.Interactions.Direction.Inbound);
    public static readonly MailFolder SentItems = new(MailboxStream.SentItems, "sentitems", LeadMail.Core.Interactions.Direction.Outbound);

    /// <summary>Every other folder the folder list keeps (Archive, subfolders, a rep's own): received and sent mail side by side.</summary>
    public static readonly MailFolder Other = new(MailboxStream.MailFolder, null, null);

    /// <summary>Sent Items holds only the rep's own mail: no headers to read.</summary>
    public bool ReadsHeaders => Direction != LeadMail.Core.Interactions.Direction.Outbound;

    /// <summary>The folder's direction, or for a mixed folder the message's: from the rep it went out.</summary>
    public Direction DirectionOf(MailItem message, string repEmail) =>
        Direction ?? (message.From is { } from && EmailAddress.Normalize(from.Address) == EmailAddress.Normalize(repEmail)
            ? LeadMail.Core.Interactions.Direction.Outbound
            : LeadMail.Core.Interactions.Direction.Inbound);

    /// <summary>The people on the other side of a message: its sender when received, its recipients when sent.</summary>
    public IReadOnlyList<Participant> Correspondents(MailItem message, string repEmail) =>
        DirectionOf(message, repEmail) == LeadMail.Core.Interactions.Direction.Inbound ? (message.From is { } from ? [from] : []) : message.Recipients;
}

/// <summary>
/// A mail folder's stream: received mail is a touch for its sender, sent mail one for each recipient, when
/// they are contacts; <see cref="MessageClassifier"/> says which messages count. A message moved between
/// folders keeps its internetMessageId, so it stays one touch; its <c>@removed</c> in the old folder changes
/// nothing. A delivery report marks the outbound touch it answers bounced: the answered message is looked up
/// in the mailbox while reading, so the bounce is recorded even before Sent Items is synced.
/// </summary>
public sealed class MailFolderStream(MailFolder folder, DeltaPageReader reader, MessageClassifier classifier, ParticipantMatcher matcher, ILogger<MailFolderStream> log) : IStreamKind
{
    public MailboxStream Stream => folder.Stream;

    public async Task<DeltaPage> ReadPageAsync(MailboxClaim claim, string? link, CancellationToken ct)
    {
        var page = await reader.ReadMailFolderAsync(claim.Mailbox, folder.GraphName ?? claim.FolderId, link, folder.ReadsHeaders, ct);
        var answered = page.Messages.Where(m => classifier.Classify(m) == MessageKind.DeliveryReport)
            .Select(MessageClassifier.AnsweredMessageId).OfType<string>().Distinct().ToList();
        if (answered.Count == 0) return page;
        var originals = new Dictionary<string, MailItem>();
        foreach (var id in answered)
        {
            if (await reader.FindMessageAsync(claim.Mailbox, id, ct) is { } original) originals[id] = original;
            else log.LogInformation("A delivery report of rep {RepId} answers {MessageId}, which is not in the mailbox", claim.RepId, id);
        }
        return page with { Originals = originals };
    }

    public async Task<PageTouches> TouchesAsync(MailboxClaim claim, DeltaPage page, DateTime now, CancellationToken ct)
    {
        var messages = page.Messages.Where(classifier.MakesTouch).ToList();
        var bounced = page.Messages.Where(m => classifier.Classify(m) == MessageKind.DeliveryReport)
            .Select(report => (Report: report, Original: MessageClassifier.AnsweredMessageId(report) is { } id && page.Originals.TryGetValue(id, out var o) ? o : null))
            .Where(b => b.Original is { InternetMessageId.Length: > 0, At: not null })
            .ToList();
        var correspondents = messages.SelectMany(m => Correspondents(claim, m).Select(p => new Correspondent(p, DirectionOf(claim, m))))
            // A bounce never creates a contact: the address did not take mail.
            .Concat(bounced.SelectMany(b => b.Original!.Recipients).Select(p => new Correspondent(p, Direction.None)))
            .ToList();
        var contacts = await matcher.MatchAsync(correspondents, ct);

        var touches = new List<Touch>();
        foreach (var message in messages)
        {
            var direction = DirectionOf(claim, message);
            foreach (var contactId in ParticipantMatcher.ContactsOf(Correspondents(claim, message), contacts))
                touches.Add(new Touch(contactId, claim.RepId, Channel.Email, direction, message.At!.Value,
                    TouchKey.ForMail(message.InternetMessageId!, direction), Origin.Sync, Subject: message.Subject));
        }

        var bounces = new List<Touch>();
        foreach (var (report, original) in bounced)
        {
            var failed = MessageClassifier.FailedRecipients(report).Select(EmailAddress.Normalize).ToHashSet();
            // A report that names no recipient answers them all: it cannot say which one failed.
            var recipients = original!.Recipients.Where(r => failed.Count == 0 || failed.Contains(EmailAddress.Normalize(r.Address)));
            foreach (var contactId in ParticipantMatcher.ContactsOf(recipients, contacts))
                bounces.Add(new Touch(contactId, claim.RepId, Channel.Email, Direction.Outbound, original.At!.Value,
                    TouchKey.ForMail(original.InternetMessageId!, Direction.Outbound), Origin.Sync, Outcome.Bounced, original.Subject));
        }
        return new PageTouches(touches, [], []) { Bounces = bounces };
    }

    public Task AfterRoundAsync(MailboxClaim claim) => Task.CompletedTask;

    private Direction DirectionOf(MailboxClaim claim, MailItem message) => folder.DirectionOf(message, claim.RepEmail);

    private IReadOnlyList<Participant> Correspondents(MailboxClaim claim, MailItem message) => folder.Correspondents(message, claim.RepEmail);
}
