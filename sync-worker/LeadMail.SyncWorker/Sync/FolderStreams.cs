using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// Keeps a mailbox's folder streams in step with its folder list, inside the folder-list page's transaction: a
/// new folder that holds correspondence gets a stream, a renamed one its new name, a deleted or skipped one
/// loses its stream (the touches it made stay: the mail was still sent or received). Inbox and Sent Items only
/// learn their size, for the backlog the status shows.
/// </summary>
public sealed class FolderStreams(LeadMailDb db)
{
    public async Task ApplyAsync(int repId, IReadOnlyList<FolderItem> folders, DateTime now, CancellationToken ct)
    {
        if (folders.Count == 0) return;
        // The last word on each folder in the page wins.
        var latest = folders.GroupBy(f => f.Id).Select(g => g.Last()).ToList();
        await EndAsync(repId, latest.Where(f => f.Removed || f.Skipped).Select(f => f.Id).ToList(), ct);

        foreach (var own in latest.Where(f => !f.Removed && f.OwnStream is not null))
            await db.MailboxSyncs.Where(s => s.RepId == repId && s.Stream == own.OwnStream && s.FolderId == "")
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.FolderName, Fit(own.Name)).SetProperty(s => s.FolderItemCount, own.TotalItems), ct);

        var kept = latest.Where(f => !f.Removed && !f.Skipped && f.OwnStream is null).ToList();
        if (kept.Count == 0) return;
        var ids = kept.Select(f => f.Id).ToList();
        var existing = await db.MailboxSyncs.Where(s => s.RepId == repId && s.Stream == MailboxStream.MailFolder && EF.Parameter(ids).Contains(s.FolderId))
            .ToDictionaryAsync(s => s.FolderId, ct);
        foreach (var folder in kept)
        {
            if (existing.TryGetValue(folder.Id, out var row))
            {
                row.FolderName = Fit(folder.Name);
                row.FolderItemCount = folder.TotalItems;
            }
            else
            {
                db.MailboxSyncs.Add(new MailboxSync
                {
                    RepId = repId,
                    Stream = MailboxStream.MailFolder,
                    FolderId = folder.Id,
                    FolderName = Fit(folder.Name),
                    FolderItemCount = folder.TotalItems,
                    CreatedAt = now,
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Ends folder streams: their rows go, so nobody claims them again. A worker still reading one loses its lease.</summary>
    public Task EndAsync(int repId, IReadOnlyList<string> folderIds, CancellationToken ct) => folderIds.Count == 0
        ? Task.CompletedTask
        : db.MailboxSyncs.Where(s => s.RepId == repId && s.Stream == MailboxStream.MailFolder && EF.Parameter(folderIds).Contains(s.FolderId)).ExecuteDeleteAsync(ct);

    private static string? Fit(string? name) => name is null || name.Length <= 400 ? name : name[..400];
}
