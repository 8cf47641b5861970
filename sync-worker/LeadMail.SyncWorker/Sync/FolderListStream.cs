using LeadMail.Core.Sync;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// The mailbox's folder list (<c>mailFolders/delta</c>, every folder with its children, kept current by its delta
/// link): each folder that holds correspondence becomes its own <see cref="MailboxStream.MailFolder"/> stream, with
/// its own link and health; a folder deleted from the mailbox ends its stream. Inbox and Sent Items have their own
/// streams already. Folders that are not correspondence (<c>Sync:SkippedFolders</c>: Drafts, Junk Email, Deleted
/// Items, Outbox, Conversation History, Sync Issues and its children, RSS Feeds) get none; they are known by
/// wellKnownName where Graph gives it, else by looking up each well-known name's id once per run
/// (<c>GET mailFolders/{wellKnownName}</c>), else, for folders Outlook names but Graph has no well-known name for
/// (RSS Feeds), by display name.
/// </summary>
public sealed class FolderListStream(DeltaPageReader reader, Microsoft.Extensions.Options.IOptions<SyncOptions> options) : IStreamKind
{
    private Dictionary<string, string>? wellKnownIds;
    private readonly HashSet<string> skippedIds = new(StringComparer.Ordinal);

    public MailboxStream Stream => MailboxStream.Folders;

    public async Task<DeltaPage> ReadPageAsync(MailboxClaim claim, string? link, CancellationToken ct)
    {
        var page = await reader.ReadFoldersAsync(claim.Mailbox, link, ct);
        if (page.Folders.All(f => f.Removed)) return page;
        var skipped = options.Value.EffectiveSkippedFolders();
        var ids = wellKnownIds ??= await WellKnownIdsAsync(claim.Mailbox, skipped, ct);
        var byId = ids.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
        foreach (var (name, id) in ids) if (skipped.Contains(name)) skippedIds.Add(id);

        string? WellKnown(FolderItem f) => f.WellKnownName?.ToLowerInvariant() ?? (byId.TryGetValue(f.Id, out var name) ? name : null);
        // A page lists parents and children in no promised order: repeat until no more children of skipped folders turn up.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var folder in page.Folders.Where(f => !f.Removed && !skippedIds.Contains(f.Id)))
            {
                var isSkipped = (WellKnown(folder) is { } wellKnown && skipped.Contains(wellKnown))
                    || (folder.Name is { } display && skipped.Contains(display))
                    || (folder.ParentId is { } parent && skippedIds.Contains(parent));
                if (isSkipped) changed |= skippedIds.Add(folder.Id);
            }
        }
        var folders = page.Folders.Select(f => f with
        {
            Skipped = !f.Removed && skippedIds.Contains(f.Id),
            OwnStream = WellKnown(f) switch { "inbox" => MailboxStream.Inbox, "sentitems" => MailboxStream.SentItems, _ => null },
        }).ToList();
        return page with { Folders = folders };
    }

    public Task<PageTouches> TouchesAsync(MailboxClaim claim, DeltaPage page, DateTime now, CancellationToken ct) =>
        Task.FromResult(new PageTouches([], [], []) { Folders = page.Folders });

    public Task AfterRoundAsync(MailboxClaim claim) => Task.CompletedTask;

    /// <summary>The ids of Inbox, Sent Items and the skipped default folders, by well-known name.</summary>
    private async Task<Dictionary<string, string>> WellKnownIdsAsync(string mailbox, IReadOnlySet<string> skipped, CancellationToken ct)
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in SyncOptions.WellKnownFolderNames.Where(n => n is "inbox" or "sentitems" || skipped.Contains(n)))
            if (await reader.WellKnownFolderIdAsync(mailbox, name, ct) is { } id) ids[name] = id;
        return ids;
    }
}
