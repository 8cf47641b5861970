using LeadMail.Core.Persistence;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Imports;

/// <summary>Who brings a file in and how its rows apply.</summary>
public sealed record ImportRequest(string FileName, ImportTable Table, ColumnMapping Mapping, ImportDefaults Defaults, bool Overwrite, int ByRepId, bool ByManager);

/// <summary>
/// Stores an import with its parsed rows, a batch to a record as the file is read (the file itself is not kept), and
/// queues it for the background run.
/// </summary>
public sealed class ImportSubmission(LeadMailDb db, ImportQueue queue, TimeProvider clock, IOptions<ImportOptions> options)
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
            Total = request.Table.RowCount,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await db.InTransactionAsync(async token =>
        {
            // A retried attempt inserts the import afresh.
            import.Id = 0;
            db.Imports.Add(import);
            await db.SaveChangesAsync(token);
            var position = 0;
            foreach (var chunk in ImportRows.Mapped(request.Table, request.Mapping).Chunk(options.Value.BatchSize))
            {
                db.ImportRows.Add(new ImportRowBatch { ImportId = import.Id, Position = position, Rows = ImportRows.Serialize(chunk) });
                position += chunk.Length;
                // Saved as read: what is held is one batch's rows, not the file's.
                await db.SaveChangesAsync(token);
                db.ChangeTracker.Clear();
            }
            return import.Id;
        }, ct);
        db.ChangeTracker.Clear();
        queue.Enqueue(import.Id);
        return import;
    }
}
