using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;

namespace LeadMail.SyncWorker.Sync;

/// <summary>A mail folder read as a stream: Graph's well-known name for it, and which way its mail went.</summary>
/// <param name="GraphName">The folder's segment in <c>mailFolders/{name}/messages/delta</c>.</param>
public sealed record MailFolder(MailboxStream Stream, string GraphName, Direction Direction)
{
    public static readonly MailFolder Inbox = new(MailboxStream.Inbox, "inbox", Direction.Inbound);
    public static readonly MailFolder SentItems = new(MailboxStream.SentItems, "sentitems", Direction.Outbound);
}

/// <summary>
/// A mail folder's stream: received mail is a touch for its sender, sent mail one for each recipient, when
/// they are contacts; <see cref="MessageClassifier"/> says which messages count.
/// </summary>
public sealed class MailFolderStream(MailFolder folder, DeltaPageReader reader, MessageClassifier classifier, ParticipantMatcher matcher) : IStreamKind
{
    public MailboxStream Stream => folder.Stream;

    public Task<DeltaPage> ReadPageAsync(string mailbox, string? link, CancellationToken ct) =>
        reader.ReadMailFolderAsync(mailbox, folder.GraphName, link, ct);

    public async Task<PageTouches> TouchesAsync(MailboxClaim claim, DeltaPage page, DateTime now, CancellationToken ct)
    {
        var messages = page.Messages.Where(classifier.MakesTouch).ToList();
        var contacts = await matcher.MatchAsync(
            messages.SelectMany(Correspondents).Select(p => new Correspondent(p, folder.Direction)).ToList(), ct);

        var touches = new List<Touch>();
        foreach (var message in messages)
        {
            foreach (var contactId in ParticipantMatcher.ContactsOf(Correspondents(message), contacts))
                touches.Add(new Touch(contactId, claim.RepId, Channel.Email, folder.Direction, message.At!.Value,
                    TouchKey.ForMail(message.InternetMessageId!, folder.Direction), Origin.Sync, Subject: message.Subject));
        }
        return new PageTouches(touches, [], []);
    }

    public Task AfterRoundAsync(MailboxClaim claim) => Task.CompletedTask;

    /// <summary>The people on the other side of a message: its sender when received, its recipients when sent.</summary>
    private IReadOnlyList<Participant> Correspondents(MailItem message) =>
        folder.Direction == Direction.Inbound ? (message.From is { } from ? [from] : []) : message.Recipients;
}
