using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// What a meeting's touch learns after it was synced, when Graph says nothing more about the meeting
/// itself. Reps put meetings in their calendars ahead of time, so the sync first sees most of them
/// before they happen, as touches without an outcome:
/// <list type="bullet">
/// <item>when a meeting merely ends, Graph reports no change: after each calendar round the rep's meetings
/// whose end has passed and that are still open become held;</item>
/// <item>a meeting deleted outright (not cancelled) arrives as an <c>@removed</c> item naming only its event
/// id: if it had not happened yet, its touches become cancelled. A deleted past meeting still took place.</item>
/// </list>
/// Both go through the ingest like a mailbox update, so the lead's counters, connect and score follow.
/// Only open meetings are read, from the filtered (RepId, EndsAt) index of touches without an outcome.
/// </summary>
public sealed class MeetingOutcomes(LeadMailDb db, TouchIngest ingest, WriterTurns turns, TimeProvider clock)
{
    /// <summary>Meetings per transaction: a rep back from a long absence may have many.</summary>
    private const int Batch = 500;

    /// <summary>Outside any transaction, in the writer's turns.</summary>
    /// <returns>How many meeting touches became held.</returns>
    public async Task<int> MarkEndedHeldAsync(int repId, CancellationToken ct)
    {
        var held = 0;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var ended = await OpenMeetings(repId)
                .Where(i => i.EndsAt <= now)
                .OrderBy(i => i.EndsAt).ThenBy(i => i.Id)
                .Take(Batch)
                .ToListAsync(ct);
            if (ended.Count == 0) return held;
            using (await turns.TakeAsync(ct))
            {
                held += await RecordAsync(ended, Outcome.Held, ct);
            }
            db.ChangeTracker.Clear();
            if (ended.Count < Batch) return held;
        }
    }

    /// <summary>Inside the page's transaction, so the cancellations commit with its delta link.</summary>
    /// <param name="eventIds">The page's removed calendar items.</param>
    /// <returns>How many meeting touches became cancelled.</returns>
    public async Task<int> CancelDeletedAsync(int repId, IReadOnlyCollection<string> eventIds, DateTime now, CancellationToken ct)
    {
        if (eventIds.Count == 0) return 0;
        var ids = eventIds.ToList();
        var deleted = await OpenMeetings(repId)
            .Where(i => i.EndsAt > now && EF.Parameter(ids).Contains(i.SourceItemId!))
            .ToListAsync(ct);
        return deleted.Count == 0 ? 0 : await RecordAsync(deleted, Outcome.Cancelled, ct);
    }

    private IQueryable<Interaction> OpenMeetings(int repId) =>
        db.Interactions.AsNoTracking().Where(i => i.RepId == repId && i.Outcome == null && i.EndsAt != null && i.Channel == Channel.Meeting);

    private async Task<int> RecordAsync(List<Interaction> meetings, Outcome outcome, CancellationToken ct)
    {
        var touches = meetings.Select(m => new Touch(m.ContactId, m.RepId, m.Channel, m.Direction, m.OccurredAt, m.NaturalKey, m.Origin, outcome, m.Subject)
        {
            EndsAt = m.EndsAt,
            SourceItemId = m.SourceItemId,
        }).ToList();
        return (await ingest.RecordAsync(touches, KnownTouchPolicy.Update, ct)).Count(r => r.Result == TouchResult.Updated);
    }
}
