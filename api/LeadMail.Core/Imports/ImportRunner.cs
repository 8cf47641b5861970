using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Imports;

/// <summary>Told after each batch of an import commits (progress pages, tests that stop a host between batches).</summary>
public interface IImportBatchObserver
{
    Task BatchCommittedAsync(Import import, CancellationToken ct);
}

/// <summary>
/// Runs a stored import to its end in batches: each batch is planned (<see cref="ImportPlanner"/>) and applied —
/// new leads through <see cref="LeadIntake"/> and so through the routing rules, known leads filled — with its rows'
/// outcomes, errors and the import's progress in one transaction. A run that stops anywhere goes on from the last
/// committed batch, so nothing is done twice.
/// </summary>
public sealed class ImportRunner(LeadMailDb db, LeadIntake intake, TimeProvider clock, IOptions<ImportOptions> options, IEnumerable<IImportBatchObserver> observers)
{
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
            var rows = await db.ImportRows.AsNoTracking().Where(r => r.ImportId == importId && r.Position >= processed)
                .OrderBy(r => r.Position).Take(options.Value.BatchSize).ToListAsync(ct);
            var leads = rows.Select(r => ImportedLead.From(r.Row, ImportRows.Deserialize(r.Values), defaults)).ToList();
            import = await db.InTransactionAsync(token => CommitBatchAsync(importId, planner, rows, leads, overwrite, token), ct);
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

    private async Task<Import> CommitBatchAsync(int importId, ImportPlanner planner, List<ImportRow> rows, List<ImportedLead> leads, bool overwrite, CancellationToken ct)
    {
        // A retried attempt plans the batch again from what the committed batches left.
        planner.Rollback();
        var import = await db.Imports.FirstAsync(i => i.Id == importId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var plans = await planner.PlanAsync(db, leads, ct);
        var updateIds = plans.Where(p => p.Action == ImportAction.Update).Select(p => p.ContactId!.Value).Distinct().ToList();
        var known = await db.Contacts.Where(c => updateIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var actions = new ImportAction[plans.Count];
        var errors = new List<ImportRowError>();

        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            actions[i] = plan.Action;
            switch (plan.Action)
            {
                case ImportAction.Create:
                    try
                    {
                        await intake.AddAsync(plan.Lead.ToContact(), import.ByRepId, import.FallbackOwnerId, ct);
                        import.Created++;
                    }
                    catch (EmailAlreadyKnownException)
                    {
                        // Someone else added the address since the batch was planned: theirs stands.
                        actions[i] = ImportAction.Duplicate;
                        import.Skipped++;
                    }
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
        }

        db.ImportRowErrors.AddRange(errors);
        foreach (var group in rows.Select((r, i) => (r.Position, Action: actions[i])).GroupBy(r => r.Action))
        {
            var positions = group.Select(g => g.Position).ToList();
            var action = group.Key;
            await db.ImportRows.Where(r => r.ImportId == importId && positions.Contains(r.Position))
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Action, action), ct);
        }
        import.Processed += rows.Count;
        import.UpdatedAt = now;
        if (import.Processed >= import.Total)
        {
            import.Status = ImportStatus.Completed;
            import.CompletedAt = now;
            // The rows are kept only for a resume; once done they would be copies of leads that forgetting a lead must not miss.
            await db.ImportRows.Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);
        }
        await db.SaveChangesAsync(ct);
        return import;
    }

    /// <summary>Rebuilds what the committed rows of an earlier, interrupted run taught the planner.</summary>
    private async Task ReplayAsync(ImportPlanner planner, Import import, CancellationToken ct)
    {
        if (import.Processed == 0) return;
        var done = db.ImportRows.AsNoTracking().Where(r => r.ImportId == import.Id && r.Position < import.Processed && r.Action != ImportAction.Error)
            .OrderBy(r => r.Position).AsAsyncEnumerable();
        await foreach (var row in done.WithCancellation(ct))
            planner.Replay(ImportedLead.From(row.Row, ImportRows.Deserialize(row.Values), import.Defaults), row.Action!.Value);
    }
}
