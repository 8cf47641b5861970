using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>A stream this worker holds a lease on, with the link to continue from.</summary>
public sealed record MailboxClaim(int SyncId, int RepId, string Mailbox, MailboxStream Stream, string? Link, bool BackfillDone, string Owner);

/// <summary>What one commit did: a page, or several read in a row (<see cref="DeltaPage.Concat"/>).</summary>
public sealed record PageOutcome(int Items, int TouchesRecorded, int TouchesUpdated, bool RoundComplete);

/// <summary>The worker's lease was taken over (it lapsed while a page was in flight): the page is not committed.</summary>
public sealed class LeaseLostException(MailboxStream stream, int repId)
    : Exception($"The lease on rep {repId}'s {stream} passed to another worker; the page was not committed.");

/// <summary>
/// Stage three: turns a page (or several read in a row, as one) into touches and commits them together
/// with its next or delta link, in one transaction that also checks and extends the lease. A crash before
/// the commit leaves the previous link in place, so the pages are read again and, touches being keyed,
/// recorded once.
/// </summary>
/// <remarks>
/// <para>When matching only reads (<c>Sync:AutoCreateContacts</c> is Ignore), the page's addresses are matched
/// before the writer's turn, while another stream's page commits, so the two cores share the work. A
/// contact deleted in between fails the insert; the page is then matched again inside its transaction.</para>
/// Natural keys (see <see cref="TouchKey"/>): mail is keyed by internetMessageId and direction per
/// contact, meetings by iCalUId per contact. So a lead's email to two reps is one inbound touch for
/// that lead, credited to the rep whose mailbox synced it first; a rep's email to two leads is one
/// outbound touch for each; a reply from the lead is a new message and a new touch.
/// </remarks>
public sealed class TouchWriter(LeadMailDb db, TouchIngest ingest, ParticipantMatcher matcher, MeetingOutcomes meetingOutcomes, WriterTurns turns, IOptions<SyncOptions> options, TimeProvider clock)
{
    public async Task<PageOutcome> CommitAsync(MailboxClaim claim, DeltaPage page, CancellationToken ct)
    {
        if (options.Value.AutoCreateContacts != AutoCreatePolicy.Ignore) return await CommitAsync(claim, page, null, ct);
        var matched = await TouchesAsync(claim, page, clock.GetUtcNow().UtcDateTime, ct);
        try
        {
            return await CommitAsync(claim, page, matched, ct);
        }
        catch (DbUpdateException)
        {
            // A contact matched before the turn is gone (the right to be forgotten), or another writer recorded
            // the same touch meanwhile: what the transaction itself reads is the truth.
            return await CommitAsync(claim, page, null, ct);
        }
    }

    /// <param name="matched">The page's touches, matched before the turn; null to match inside the transaction.</param>
    private async Task<PageOutcome> CommitAsync(MailboxClaim claim, DeltaPage page, PageTouches? matched, CancellationToken ct)
    {
        using var turn = await turns.TakeAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var (mail, meetings) = matched ?? await TouchesAsync(claim, page, now, ct);
            var recordedMail = await ingest.RecordAsync(mail, KnownTouchPolicy.Keep, ct);
            // The mailbox is the truth for meetings: a reschedule or cancellation moves the stored touch.
            var recordedMeetings = await ingest.RecordAsync(meetings, KnownTouchPolicy.Update, ct);
            var recorded = recordedMail.Concat(recordedMeetings).Count(r => r.Result == TouchResult.Recorded);
            var removedEvents = page.Meetings.Where(m => m.Removed && m.Id is { Length: > 0 }).Select(m => m.Id!).ToList();
            var updated = recordedMeetings.Count(r => r.Result == TouchResult.Updated)
                + await meetingOutcomes.CancelDeletedAsync(claim.RepId, removedEvents, now, ct);

            var complete = page.NextLink is null;
            var link = page.NextLink ?? page.DeltaLink;
            var leaseUntil = now + options.Value.LeaseDuration;
            var owned = await db.MailboxSyncs
                .Where(s => s.Id == claim.SyncId && s.LeaseOwner == claim.Owner)
                .ExecuteUpdateAsync(set =>
                {
                    set.SetProperty(s => s.DeltaLink, link)
                        .SetProperty(s => s.MidRound, !complete)
                        .SetProperty(s => s.ItemsSynced, s => s.ItemsSynced + page.ItemCount)
                        .SetProperty(s => s.TouchesRecorded, s => s.TouchesRecorded + recorded)
                        .SetProperty(s => s.LeaseExpiresAt, leaseUntil);
                    if (complete)
                    {
                        set.SetProperty(s => s.Status, MailboxSyncStatus.Synced)
                            .SetProperty(s => s.LastSuccessAt, now)
                            .SetProperty(s => s.ConsecutiveFailures, 0)
                            .SetProperty(s => s.LastError, (string?)null)
                            .SetProperty(s => s.BackfillCompletedAt, s => s.BackfillCompletedAt ?? now);
                    }
                }, ct);
            if (owned == 0) throw new LeaseLostException(claim.Stream, claim.RepId);

            await transaction.CommitAsync(ct);
            return new PageOutcome(page.ItemCount, recorded, updated, complete);
        }
        finally
        {
            // Nothing from one page is kept for the next: memory stays flat however large the mailbox.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A page's touches: mail recorded as it was, meetings updated to what the mailbox says.</summary>
    private sealed record PageTouches(List<Touch> Mail, List<Touch> Meetings);

    private async Task<PageTouches> TouchesAsync(MailboxClaim claim, DeltaPage page, DateTime now, CancellationToken ct)
    {
        var correspondents = new List<Correspondent>();
        // A deleted message or event does not undo a touch that happened; drafts were never sent.
        var messages = page.Messages.Where(m => !m.Removed && !m.IsDraft && m.InternetMessageId is { Length: > 0 } && m.At is not null).ToList();
        var meetings = page.Meetings.Where(m => !m.Removed && m.ICalUId is { Length: > 0 } && m.Start is not null).ToList();

        foreach (var message in messages)
        {
            if (claim.Stream == MailboxStream.Inbox && message.From is { } from) correspondents.Add(new Correspondent(from, Direction.Inbound));
            if (claim.Stream == MailboxStream.SentItems)
                correspondents.AddRange(message.Recipients.Select(r => new Correspondent(r, Direction.Outbound)));
        }
        // Meetings never create contacts: an invitation is not a lead writing in.
        var contacts = await matcher.MatchAsync(correspondents, ct);
        var meetingContacts = await matcher.MatchAsync(
            meetings.SelectMany(m => m.Participants).Select(p => new Correspondent(p, Direction.None)).ToList(), ct);

        var mail = new List<Touch>();
        foreach (var message in messages)
        {
            var direction = claim.Stream == MailboxStream.Inbox ? Direction.Inbound : Direction.Outbound;
            var people = direction == Direction.Inbound ? (message.From is null ? [] : [message.From]) : message.Recipients;
            foreach (var contactId in ContactsOf(people, contacts))
                mail.Add(new Touch(contactId, claim.RepId, Channel.Email, direction, message.At!.Value,
                    TouchKey.ForMail(message.InternetMessageId!, direction), Origin.Sync, Subject: message.Subject));
        }

        var meetingTouches = new List<Touch>();
        foreach (var meeting in meetings)
        {
            Outcome? outcome = meeting.IsCancelled ? Outcome.Cancelled : (meeting.End ?? meeting.Start) <= now ? Outcome.Held : null;
            foreach (var contactId in ContactsOf(meeting.Participants, meetingContacts))
                meetingTouches.Add(new Touch(contactId, claim.RepId, Channel.Meeting, Direction.None, meeting.Start!.Value,
                    TouchKey.ForMeeting(meeting.ICalUId!), Origin.Sync, outcome, meeting.Subject)
                    {
                        EndsAt = meeting.End ?? meeting.Start,
                        SourceItemId = meeting.Id,
                    });
        }
        return new PageTouches(mail, meetingTouches);
    }

    private static IEnumerable<int> ContactsOf(IEnumerable<Participant> people, IReadOnlyDictionary<string, int> contacts) =>
        people.Select(p => contacts.TryGetValue(Core.Contacts.EmailAddress.Normalize(p.Address), out var id) ? id : 0)
            .Where(id => id != 0)
            .Distinct();
}
