using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// What differs between a mailbox's streams: where Graph keeps their items, which of those make touches
/// and with whom, and what a finished round leaves to do. Another kind of stream (one more mail folder, a
/// calendar window) is another implementation; paging, batching, the commit and the stream's health stay
/// as they are.
/// </summary>
public interface IStreamKind
{
    MailboxStream Stream { get; }

    /// <summary>Page fetch: the page after <paramref name="link"/>, or the stream's first page when it is null.</summary>
    /// <exception cref="SyncStateLostException">Graph has forgotten the stream's sync state.</exception>
    /// <remarks>What a page needs from Graph besides the delta (a series master, a removed event, the message a
    /// delivery report answers) is looked up here, outside any transaction.</remarks>
    Task<DeltaPage> ReadPageAsync(MailboxClaim claim, string? link, CancellationToken ct);

    /// <summary>
    /// The page's touches, its people matched to contacts. Runs before the writer's turn when matching only
    /// reads, otherwise inside the page's transaction (<see cref="TouchWriter"/>), so it writes nothing itself
    /// beyond the contacts matching may create.
    /// </summary>
    /// <param name="now">The time outcomes are judged at (a meeting that has ended is held).</param>
    Task<PageTouches> TouchesAsync(MailboxClaim claim, DeltaPage page, DateTime now, CancellationToken ct);

    /// <summary>After the round's last commit, still under the lease. Its failures are its own: the round stays committed.</summary>
    Task AfterRoundAsync(MailboxClaim claim);
}

/// <summary>A page's touches: mail recorded as it was, meetings updated to what the mailbox says, and the events it deleted.</summary>
/// <param name="RemovedEventIds">Events deleted, or declined by the rep: their open touches from this rep's calendar are cancelled if still ahead.</param>
public sealed record PageTouches(IReadOnlyList<Touch> Mail, IReadOnlyList<Touch> Meetings, IReadOnlyCollection<string> RemovedEventIds)
{
    /// <summary>Outbound mail that bounced (its delivery report arrived): recorded or updated with the outcome bounced.</summary>
    public IReadOnlyList<Touch> Bounces { get; init; } = [];

    /// <summary>The folder list's changes: folder streams to add, rename or end.</summary>
    public IReadOnlyList<FolderItem> Folders { get; init; } = [];
}

/// <summary>The stream kinds registered with the host, one per <see cref="MailboxStream"/>.</summary>
public sealed class StreamKinds(IEnumerable<IStreamKind> kinds)
{
    private readonly Dictionary<MailboxStream, IStreamKind> byStream = kinds.ToDictionary(k => k.Stream);

    public IStreamKind For(MailboxStream stream) =>
        byStream.TryGetValue(stream, out var kind) ? kind : throw new InvalidOperationException($"No stream kind reads {stream}.");
}
