using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Sync;

/// <summary>What one commit did: a page, or several read in a row (<see cref="DeltaPage.Concat"/>).</summary>
public sealed record PageOutcome(int Items, int TouchesRecorded, int TouchesUpdated, bool RoundComplete);

/// <summary>
/// Touch writing: turns a page (or several read in a row, as one) into touches through its stream's kind
/// and records them (<see cref="TouchIngest"/>) in one transaction with the stream's checkpoint
/// (<see cref="StreamCheckpoint"/>), which also checks and extends the lease. A crash before the commit
/// leaves the previous link in place, so the pages are read again and, touches being keyed, recorded once.
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
public sealed class TouchWriter(
    LeadMailDb db, TouchIngest ingest, StreamKinds kinds, StreamCheckpoint checkpoint, MeetingOutcomes meetingOutcomes, FolderStreams folders, WriterTurns turns,
    IOptions<SyncOptions> options, TimeProvider clock)
{
    public async Task<PageOutcome> CommitAsync(MailboxClaim claim, DeltaPage page, CancellationToken ct)
    {
        var kind = kinds.For(claim.Stream);
        if (options.Value.AutoCreateContacts != AutoCreatePolicy.Ignore) return await CommitAsync(claim, kind, page, null, ct);
        var matched = await kind.TouchesAsync(claim, page, clock.GetUtcNow().UtcDateTime, ct);
        try
        {
            return await CommitAsync(claim, kind, page, matched, ct);
        }
        catch (DbUpdateException)
        {
            // A contact matched before the turn is gone (the right to be forgotten), or another writer recorded
            // the same touch meanwhile: what the transaction itself reads is the truth.
            return await CommitAsync(claim, kind, page, null, ct);
        }
    }

    /// <param name="matched">The page's touches, matched before the turn; null to match inside the transaction.</param>
    private async Task<PageOutcome> CommitAsync(MailboxClaim claim, IStreamKind kind, DeltaPage page, PageTouches? matched, CancellationToken ct)
    {
        using var turn = await turns.TakeAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var touches = matched ?? await kind.TouchesAsync(claim, page, now, ct);
            var recordedMail = await ingest.RecordAsync(touches.Mail, KnownTouchPolicy.Keep, ct);
            // The mailbox is the truth for meetings: a reschedule or cancellation moves the stored touch.
            var recordedMeetings = await ingest.RecordAsync(touches.Meetings, KnownTouchPolicy.Update, ct);
            // A delivery report is the truth about the mail it answers: bounced, recorded first if Sent Items has not been read yet.
            var recordedBounces = await ingest.RecordAsync(touches.Bounces, KnownTouchPolicy.Update, ct);
            var recorded = recordedMail.Concat(recordedMeetings).Concat(recordedBounces).Count(r => r.Result == TouchResult.Recorded);
            var updated = recordedMeetings.Concat(recordedBounces).Count(r => r.Result == TouchResult.Updated)
                + await meetingOutcomes.CancelDeletedAsync(claim.RepId, touches.RemovedEventIds, now, ct);
            await folders.ApplyAsync(claim.RepId, touches.Folders, now, ct);

            var complete = await checkpoint.AdvanceAsync(claim, page, recorded, now, ct);
            await transaction.CommitAsync(ct);
            return new PageOutcome(page.ItemCount, recorded, updated, complete);
        }
        finally
        {
            // Nothing from one page is kept for the next: memory stays flat however large the mailbox.
            db.ChangeTracker.Clear();
        }
    }
}
