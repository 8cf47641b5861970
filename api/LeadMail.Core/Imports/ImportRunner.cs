using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Imports;

/// <summary>Told after each batch of an import commits (progress pages, tests that stop a host between batches).</summary>
public interface IImportBatchObserver
{
    Task BatchCommittedAsync(Import import, CancellationToken ct);
}

/// <summary>
/// Runs a stored import to its end, one stored batch per transaction: the batch is planned (<see cref="ImportPlanner"/>)
/// with one query per key kind, its new leads added together through <see cref="LeadIntake.AddRangeAsync"/> (and so
/// through the routing rules), its known leads filled, and its rows' outcomes, errors and the import's progress saved
/// with them in one save. A run that stops anywhere goes on from the last committed batch, so nothing is done twice.
/// </summary>
public sealed class ImportRunner(LeadMailDb db, LeadIntake intake, TimeProvider clock, IEnumerable<IImportBatchObserver> observers)
{
    /// <summary>How often a batch is planned again after another writer took one of its addresses meanwhile.</summary>
    private const int Attempts = 3;

    public async Task RunAsync(int importId, CancellationToken ct)
    {
        var import = await db.Imports.FirstOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null || import.Status is ImportStatus.Completed or ImportStatus.Failed) return;
        import.Status = ImportStatus.Running;
        import.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);

        var planner = new ImportPlanner(import.ByManager, import.ByRepId);
        var defaults = import.Defaults;
        await ReplayAsync(planner, import, ct);
        var (overwrite, processed) = (import.Overwrite, import.Processed);
        db.ChangeTracker.Clear();

        while (true)
        {
            var batch = await db.ImportRows.AsNoTracking().Where(b => b.ImportId == importId && b.Position >= processed)
                .OrderBy(b => b.Position).Select(b => new { b.Id, b.Rows }).FirstOrDefaultAsync(ct);
            var rows = batch is null ? [] : ImportRows.Deserialize(batch.Rows);
            var leads = rows.Select(r => ImportedLead.From(r.Row, r.Values, defaults)).ToList();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    import = await db.InTransactionAsync(token => CommitBatchAsync(importId, planner, batch?.Id, leads, overwrite, token), ct);
                    break;
                }
                catch (DbUpdateException taken) when (taken.IsUniqueViolation() && attempt < Attempts)
                {
                    // Someone else added one of the batch's addresses after it was planned: planned again, theirs stands.
                    db.ChangeTracker.Clear();
                }
            }
            planner.Checkpoint();
            db.ChangeTracker.Clear();
            processed = import.Processed;
            if (import.Status == ImportStatus.Completed) return;
            foreach (var observer in observers) await observer.BatchCommittedAsync(import, ct);
        }
    }

    /// <summary>Marks an import that cannot go on, with why.</summary>
    public async Task FailAsync(int importId, string reason, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.Status, ImportStatus.Failed)
            .SetProperty(i => i.Failure, reason.Length > 1000 ? reason[..1000] : reason)
            .SetProperty(i => i.UpdatedAt, now)
            .SetProperty(i => i.CompletedAt, now), ct);
    }

    private async Task<Import> CommitBatchAsync(int importId, ImportPlanner planner, long? batchId, List<ImportedLead> leads, bool overwrite, CancellationToken ct)
    {
        // A retried attempt plans the batch again from what the committed batches left.
        planner.Rollback();
        var import = await db.Imports.FirstAsync(i => i.Id == importId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var plans = await planner.PlanAsync(db, leads, ct);
        var updateIds = plans.Where(p => p.Action == ImportAction.Update).Select(p => p.ContactId!.Value).Distinct().ToList();
        var known = updateIds.Count == 0 ? [] : await db.Contacts.Where(c => updateIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var created = plans.Where(p => p.Action == ImportAction.Create).ToDictionary(p => p, p => p.Lead.ToContact());
        var refused = (await intake.AddRangeAsync(created.Values.ToList(), import.ByRepId, import.FallbackOwnerId, ct)).ToHashSet();
        var actions = new char[plans.Count];
        var errors = new List<ImportRowError>();

        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            var action = plan.Action;
            switch (action)
            {
                case ImportAction.Create when refused.Contains(created[plan]):
                    // Two rows of the batch met on an address the planner could not tell apart: the first stands.
                    action = ImportAction.Duplicate;
                    import.Skipped++;
                    break;
                case ImportAction.Create:
                    import.Created++;
                    break;
                case ImportAction.Update:
                    var contact = known[plan.ContactId!.Value];
                    if (plan.Lead.FillInto(contact, overwrite))
                    {
                        contact.UpdatedAt = now;
                        contact.Version++;
                    }
                    import.Updated++;
                    break;
                case ImportAction.Error:
                    errors.Add(new ImportRowError { ImportId = importId, Row = plan.Row, Field = plan.Field!, Message = plan.Message! });
                    import.Skipped++;
                    break;
                default:
                    import.Skipped++;
                    break;
            }
            actions[i] = ImportRows.Letter(action);
        }

        db.ImportRowErrors.AddRange(errors);
        import.Processed += plans.Count;
        import.UpdatedAt = now;
        // No stored batch left ends the run too, whatever the count said: a run never waits on rows that are not there.
        if (import.Processed >= import.Total || batchId is null)
        {
            import.Status = ImportStatus.Completed;
            import.CompletedAt = now;
            // The rows are kept only for a resume; once done they would be copies of leads that forgetting a lead must not miss.
            await db.ImportRows.Where(b => b.ImportId == importId).ExecuteDeleteAsync(ct);
        }
        else if (batchId is { } id)
        {
            var letters = new string(actions);
            await db.ImportRows.Where(b => b.Id == id).ExecuteUpdateAsync(set => set.SetProperty(b => b.Actions, letters), ct);
        }
        await db.SaveChangesAsync(ct);
        return import;
    }

    /// <summary>Rebuilds what the committed batches of an earlier, interrupted run taught the planner.</summary>
    private async Task ReplayAsync(ImportPlanner planner, Import import, CancellationToken ct)
    {
        if (import.Processed == 0) return;
        var done = db.ImportRows.AsNoTracking().Where(b => b.ImportId == import.Id && b.Position < import.Processed)
            .OrderBy(b => b.Position).Select(b => new { b.Rows, b.Actions }).AsAsyncEnumerable();
        await foreach (var batch in done.WithCancellation(ct))
        {
            var rows = ImportRows.Deserialize(batch.Rows);
            for (var i = 0; i < rows.Count; i++)
            {
                var action = ImportRows.ActionOf(batch.Actions![i]);
                if (action != ImportAction.Error) planner.Replay(ImportedLead.From(rows[i].Row, rows[i].Values, import.Defaults), action);
            }
        }
    }
}
