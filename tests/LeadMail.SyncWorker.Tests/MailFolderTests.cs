using System.Text.Json.Nodes;
using LeadMail.Core.Interactions;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>
/// Every folder of a mailbox: the folder list (mailFolders/delta, https://learn.microsoft.com/graph/api/mailfolder-delta?view=graph-rest-1.0)
/// makes a stream of each folder that holds correspondence, skips Outlook's default folders that do not
/// (well-known names, https://learn.microsoft.com/graph/api/resources/mailfolder?view=graph-rest-1.0), and a message
/// moved between folders stays one touch.
/// </summary>
public sealed class MailFolderTests : IAsyncLifetime
{
    private readonly SyncTestBed bed = new();
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(-3);
    private Core.Reps.Rep rep = null!;
    private string mailbox = null!;

    public async Task InitializeAsync()
    {
        rep = await bed.AddRepAsync("ann@contoso.com");
        mailbox = rep.EntraObjectId!;
        foreach (var (name, id) in new[] { ("inbox", "inbox-id"), ("sentitems", "sent-id"), ("drafts", "drafts-id"), ("junkemail", "junk-id"),
                     ("deleteditems", "deleted-id"), ("outbox", "outbox-id"), ("conversationhistory", "history-id"), ("syncissues", "sync-id") })
            bed.Graph.ServeWellKnownFolder(mailbox, name, id);
    }

    public async Task DisposeAsync() => await bed.DisposeAsync();

    private static JsonNode[] FolderList() =>
    [
        Folder("inbox-id", "Inbox", "root-id", totalItemCount: 1200),
        Folder("sent-id", "Sent Items", "root-id", totalItemCount: 300),
        Folder("drafts-id", "Drafts", "root-id"),
        Folder("junk-id", "Junk Email", "root-id"),
        Folder("deleted-id", "Deleted Items", "root-id"),
        Folder("outbox-id", "Outbox", "root-id"),
        Folder("history-id", "Conversation History", "root-id"),
        // A child listed before its parent: Sync Issues' children are skipped with it.
        Folder("conflicts-id", "Conflicts", "sync-id"),
        Folder("sync-id", "Sync Issues", "root-id"),
        Folder("rss-id", "RSS Feeds", "root-id"),
        Folder("archive-id", "Archive", "root-id", totalItemCount: 40),
        Folder("clients-id", "Clients", "inbox-id", totalItemCount: 7),
    ];

    [Fact]
    public async Task Each_folder_with_correspondence_is_its_own_stream_and_the_default_folders_that_are_not_are_skipped()
    {
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        var kim = await bed.AddContactAsync("kim@northwind.example");
        bed.Graph.ServeRound(mailbox, MailboxStream.Folders, [FolderList()], "f1");
        // Archive holds mail both ways; a rule filed Lee's mail into a subfolder of Inbox before the poll.
        bed.Graph.ServeFolderRound(mailbox, "archive-id", [[
            Message("<old-question@fabrikam.example>", "lee@fabrikam.example", [rep.Email], Day),
            Message("<old-answer@contoso.com>", rep.Email, ["kim@northwind.example"], Day.AddHours(1)),
        ]], "a1");
        bed.Graph.ServeFolderRound(mailbox, "clients-id", [[Message("<filed@fabrikam.example>", "lee@fabrikam.example", [rep.Email], Day.AddHours(2))]], "c1");

        await bed.RoundSucceedsAsync();

        await using (var db = bed.OpenDb())
        {
            var folders = await db.MailboxSyncs.AsNoTracking().Where(s => s.RepId == rep.Id && s.Stream == MailboxStream.MailFolder)
                .OrderBy(s => s.FolderName).Select(s => new { s.FolderId, s.FolderName, s.FolderItemCount, s.Status }).ToListAsync();
            Assert.Equal(["archive-id", "clients-id"], folders.Select(f => f.FolderId));
            Assert.Equal((40L, MailboxSyncStatus.Synced), (folders[0].FolderItemCount!.Value, folders[0].Status));
            var inbox = await db.MailboxSyncs.AsNoTracking().SingleAsync(s => s.RepId == rep.Id && s.Stream == MailboxStream.Inbox);
            Assert.Equal(("Inbox", 1200L), (inbox.FolderName, inbox.FolderItemCount!.Value));
        }
        var touches = await bed.TouchesAsync();
        Assert.Equal(3, touches.Count);
        Assert.Equal(2, touches.Count(t => t.ContactId == lee.Id && t.Direction == Direction.Inbound));
        Assert.Equal(TouchKey.ForMail("<old-answer@contoso.com>", Direction.Outbound), Assert.Single(touches, t => t.ContactId == kim.Id).NaturalKey);
        // The skipped folders' messages are never read.
        Assert.DoesNotContain(bed.Graph.Server.LogEntries, e => e.RequestMessage.Path.Contains("/messages/delta")
            && new[] { "drafts-id", "junk-id", "deleted-id", "outbox-id", "history-id", "sync-id", "conflicts-id", "rss-id" }.Any(e.RequestMessage.Path.Contains));
    }

    [Fact]
    public async Task A_message_moved_from_Inbox_to_Archive_stays_one_touch_and_a_deleted_folder_ends_its_stream()
    {
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        var message = Message("<moved@fabrikam.example>", "lee@fabrikam.example", [rep.Email], Day);
        bed.Graph.ServeRound(mailbox, MailboxStream.Folders, [FolderList()], "f1");
        bed.Graph.ServeRound(mailbox, MailboxStream.Inbox, [[message]], "i1");
        bed.Graph.ServeFolderRound(mailbox, "archive-id", [[]], "a1");
        await bed.RoundSucceedsAsync();
        var first = Assert.Single(await bed.TouchesAsync());

        // Moved: gone from Inbox (@removed), found in Archive with the same internetMessageId.
        bed.Graph.ServeRound(mailbox, MailboxStream.Inbox, [[Removed(message["id"]!.GetValue<string>())]], "i2", fromDeltaToken: "i1");
        bed.Graph.ServeFolderRound(mailbox, "archive-id", [[message]], "a2", fromDeltaToken: "a1");
        await bed.RoundSucceedsAsync();
        var moved = Assert.Single(await bed.TouchesAsync());
        Assert.Equal((first.Id, lee.Id), (moved.Id, moved.ContactId));

        // Archive deleted from the mailbox; the Clients folder's delta answers 404 before the folder list says so.
        bed.Graph.ServeRound(mailbox, MailboxStream.Folders, [[Removed("archive-id")]], "f2", fromDeltaToken: "f1");
        bed.Graph.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(GraphStandIn.FolderPathOf(mailbox, "clients-id")).UsingGet()).AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}"""));
        await bed.RoundSucceedsAsync();

        await using var db = bed.OpenDb();
        Assert.False(await db.MailboxSyncs.AnyAsync(s => s.RepId == rep.Id && s.Stream == MailboxStream.MailFolder));
        Assert.Equal(first.Id, Assert.Single(await bed.TouchesAsync()).Id);
    }

    [Fact]
    public async Task Skipped_folders_are_configurable()
    {
        await bed.AddContactAsync("lee@fabrikam.example");
        bed.Settings["Sync:SkippedFolders:0"] = "drafts";
        bed.Settings["Sync:SkippedFolders:1"] = "Archive";
        bed.Graph.ServeRound(mailbox, MailboxStream.Folders, [FolderList()], "f1");

        await bed.RoundSucceedsAsync();

        await using var db = bed.OpenDb();
        var folders = await db.MailboxSyncs.AsNoTracking().Where(s => s.RepId == rep.Id && s.Stream == MailboxStream.MailFolder).Select(s => s.FolderId).ToListAsync();
        // The configured list replaces the defaults: Junk Email is synced now, Archive is not.
        Assert.Contains("junk-id", folders);
        Assert.DoesNotContain("archive-id", folders);
        Assert.DoesNotContain("drafts-id", folders);
    }
}
