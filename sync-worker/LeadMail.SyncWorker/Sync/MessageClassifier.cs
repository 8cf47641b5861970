namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// Which messages of a mail folder are correspondence with a lead, judged one message at a time before
/// anyone is matched: every mail stream asks here, so what is not the lead writing (or the rep writing to
/// them) is told apart in one place.
/// </summary>
public sealed class MessageClassifier
{
    /// <summary>
    /// A message that was sent or received and can be keyed. A deleted or moved message does not undo a
    /// touch that happened; drafts were never sent.
    /// </summary>
    public bool MakesTouch(MailItem message) =>
        !message.Removed && !message.IsDraft && message.InternetMessageId is { Length: > 0 } && message.At is not null;
}
