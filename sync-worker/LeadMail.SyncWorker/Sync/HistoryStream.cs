using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// A mailbox's history stream: the past mail and meetings of each address added since (<see cref="HistoryFetch"/>,
/// queued by <see cref="HistoryRequests"/>), one fetch after another, page by page. It is claimed, batched,
/// committed and watched like every other stream, so it counts within <c>Sync:MaxStreamsPerMailbox</c> and a
/// throttled page waits for Retry-After in the HttpClient beneath. Each fetch's next link is committed with the
/// touches of the page before it (<see cref="StreamCheckpoint"/>); the stream's own link only says whether fetches
/// are waiting.
/// <list type="bullet">
/// <item>Mail: <c>messages?$search="participants:{address}"</c>, newest first, back to <c>Sync:HistoryDays</c> before the
/// address was added; a message counts as it would in its folder's stream (<see cref="MessageClassifier"/>, and only in
/// the folders the mailbox's streams read), received from the address or sent to it.</item>
/// <item>Meetings: <c>calendarView</c> from <c>Sync:HistoryDays</c> back to <c>Sync:CalendarDaysAhead</c> ahead, the
/// address's meetings picked out here, made into touches as the calendar stream makes them.</item>
/// </list>
/// Only the fetched address's contact is touched, and nobody is created: other people on the same mail were seen by
/// their folders' streams already. Touches are keyed like the delta streams', so either coming first changes nothing.
/// </summary>
public sealed class HistoryStream(
    LeadMailDb db, DeltaPageReader reader, MessageClassifier classifier, ParticipantMatcher matcher, CalendarStream calendar,
    IOptions<SyncOptions> options, ILogger<HistoryStream> log) : IStreamKind
{
    /// <summary>The stream's own link: a marker, the fetches' positions are on their rows.</summary>
    public const string Marker = "history";

    private List<OpenFetch>? open;
    private readonly HashSet<int> seen = [];
    private HashSet<string>? syncedFolders;

    public MailboxStream Stream => MailboxStream.History;

    public async Task<DeltaPage> ReadPageAsync(MailboxClaim claim, string? link, CancellationToken ct)
    {
        if (open is not { Count: > 0 }) open = await OpenFetchesAsync(claim.RepId, ct);
        if (open.Count == 0) return new DeltaPage([], [], null, Marker);

        var fetch = open[0];
        var page = fetch.Kind == HistoryKind.Mail ? await ReadMailAsync(claim, fetch, ct) : await ReadMeetingsAsync(claim, fetch, ct);
        if (page.NextLink is null)
        {
            open.RemoveAt(0);
            log.LogDebug("History of {Address} ({Kind}) read from the mailbox of rep {RepId}", fetch.Address, fetch.Kind, claim.RepId);
        }
        else open[0] = fetch with { NextLink = page.NextLink };
        // Fetches queued while this run went on are read before it ends.
        if (open.Count == 0) open = await OpenFetchesAsync(claim.RepId, ct);
        var more = open.Count > 0;
        return new DeltaPage(page.Messages, page.Meetings, more ? Marker : null, more ? null : Marker) { History = [page] };
    }

    public async Task<PageTouches> TouchesAsync(MailboxClaim claim, DeltaPage page, DateTime now, CancellationToken ct)
    {
        var emailIds = page.History.Select(h => h.ContactEmailId).Distinct().ToList();
        // Read now, not when queued: the address may have moved to another contact (a merge) or been forgotten.
        var owners = await db.ContactEmails.AsNoTracking().Where(e => emailIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.ContactId, ct);
        var mail = new List<Touch>();
        var meetings = new List<Touch>();
        foreach (var history in page.History)
        {
            if (!owners.TryGetValue(history.ContactEmailId, out var contactId) || !matcher.IsExternal(history.Address)) continue;
            var contacts = new Dictionary<string, int> { [history.Address] = contactId };
            foreach (var message in history.Messages)
            {
                var direction = MailFolder.Other.DirectionOf(message, claim.RepEmail);
                if (!ParticipantMatcher.ContactsOf(MailFolder.Other.Correspondents(message, claim.RepEmail), contacts).Any()) continue;
                mail.Add(new Touch(contactId, claim.RepId, Channel.Email, direction, message.At!.Value,
                    TouchKey.ForMail(message.InternetMessageId!, direction), Origin.Sync, Subject: message.Subject));
            }
            meetings.AddRange(calendar.Touches(claim, history.Meetings, contacts, now));
        }
        return new PageTouches(mail, meetings, []);
    }

    public Task AfterRoundAsync(MailboxClaim claim) => Task.CompletedTask;

    private async Task<HistoryPage> ReadMailAsync(MailboxClaim claim, OpenFetch fetch, CancellationToken ct)
    {
        var folders = syncedFolders ??= await SyncedFoldersAsync(claim, ct);
        var since = fetch.CreatedAt.AddDays(-options.Value.HistoryDays);
        var (messages, next) = await reader.SearchMessagesAsync(claim.Mailbox, fetch.Address, fetch.NextLink, ct);
        var kept = messages.Where(m => classifier.MakesTouch(m) && m.At >= since
            && (m.ParentFolderId is null || folders.Contains(m.ParentFolderId))).ToList();
        // Search results come newest first: a page reaching past the window ends the fetch.
        var pastWindow = messages.Any(m => m.At < since);
        return new HistoryPage(fetch.Id, fetch.ContactEmailId, fetch.Address, fetch.Kind, kept, [], pastWindow ? null : next, messages.Count);
    }

    private async Task<HistoryPage> ReadMeetingsAsync(MailboxClaim claim, OpenFetch fetch, CancellationToken ct)
    {
        var start = fetch.CreatedAt.AddDays(-options.Value.HistoryDays);
        var end = fetch.CreatedAt.AddDays(options.Value.CalendarDaysAhead);
        var (meetings, next) = await reader.ReadCalendarViewAsync(claim.Mailbox, start, end, fetch.NextLink, ct);
        var theirs = new List<MeetingItem>();
        foreach (var meeting in meetings)
        {
            var item = await calendar.WithSeriesAsync(claim.Mailbox, meeting, ct);
            if (item.Participants.Any(p => EmailAddress.Normalize(p.Address) == fetch.Address)) theirs.Add(item);
        }
        return new HistoryPage(fetch.Id, fetch.ContactEmailId, fetch.Address, fetch.Kind, [], CalendarStream.Touching(theirs), next, meetings.Count);
    }

    /// <summary>The folders the mailbox's streams read: Inbox, Sent Items and each folder the folder list kept.</summary>
    private async Task<HashSet<string>> SyncedFoldersAsync(MailboxClaim claim, CancellationToken ct)
    {
        var folders = (await db.MailboxSyncs.AsNoTracking().Where(s => s.RepId == claim.RepId && s.Stream == MailboxStream.MailFolder)
            .Select(s => s.FolderId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in new[] { MailFolder.Inbox.GraphName!, MailFolder.SentItems.GraphName! })
            if (await reader.WellKnownFolderIdAsync(claim.Mailbox, name, ct) is { } id) folders.Add(id);
        return folders;
    }

    /// <summary>The mailbox's unfinished fetches not read in this run yet, oldest first.</summary>
    private async Task<List<OpenFetch>> OpenFetchesAsync(int repId, CancellationToken ct)
    {
        var seenIds = seen.ToList();
        var fetches = await db.HistoryFetches.AsNoTracking()
            .Where(f => f.RepId == repId && f.CompletedAt == null && !seenIds.Contains(f.Id))
            .OrderBy(f => f.Id)
            .Select(f => new OpenFetch(f.Id, f.ContactEmailId, f.ContactEmail!.Address, f.Kind, f.NextLink, f.CreatedAt))
            .ToListAsync(ct);
        foreach (var fetch in fetches) seen.Add(fetch.Id);
        return fetches;
    }

    private sealed record OpenFetch(int Id, int ContactEmailId, string Address, HistoryKind Kind, string? NextLink, DateTime CreatedAt);
}
