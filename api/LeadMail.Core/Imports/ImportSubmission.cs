using LeadMail.Core.Persistence;

namespace LeadMail.Core.Imports;

/// <summary>Who brings a file in and how its rows apply.</summary>
public sealed record ImportRequest(string FileName, ImportTable Table, ColumnMapping Mapping, ImportDefaults Defaults, bool Overwrite, int ByRepId, bool ByManager);

/// <summary>Stores an import with its parsed rows (the file itself is not kept) and queues it for the background run.</summary>
public sealed class ImportSubmission(LeadMailDb db, ImportQueue queue, TimeProvider clock)
{
    public async Task<Import> SubmitAsync(ImportRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var import = new Import
        {
            ByRepId = request.ByRepId,
            ByManager = request.ByManager,
            // As with a lead a rep adds by hand: theirs unless a rule routes it; a manager's goes to the queue.
            FallbackOwnerId = request.ByManager ? null : request.ByRepId,
            FileName = request.FileName.Length > 260 ? request.FileName[..260] : request.FileName,
            Format = request.Table.Format,
            DefaultSource = request.Defaults.Source,
            DefaultFirstMetOn = request.Defaults.FirstMetOn,
            Overwrite = request.Overwrite,
            Status = ImportStatus.Queued,
            Total = request.Table.Rows.Count,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await db.InTransactionAsync(async token =>
        {
            db.Imports.Add(import);
            await db.SaveChangesAsync(token);
            var detect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                var position = 0;
                foreach (var chunk in ImportRows.Mapped(request.Table, request.Mapping).Chunk(5_000))
                {
                    db.ImportRows.AddRange(chunk.Select(r => new ImportRow
                    {
                        ImportId = import.Id, Position = position++, Row = r.Row.Row, Values = ImportRows.Serialize(r.Values),
                    }));
                    await db.SaveChangesAsync(token);
                    db.ChangeTracker.Clear();
                    db.Attach(import);
                }
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = detect;
            }
            return import.Id;
        }, ct);
        db.ChangeTracker.Clear();
        queue.Enqueue(import.Id);
        return import;
    }
}
