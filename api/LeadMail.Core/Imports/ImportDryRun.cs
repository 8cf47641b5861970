using LeadMail.Core.Persistence;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Imports;

public sealed record DryRunRow(int Row, ImportAction Action, string? Email, string? Field, string? Message);

public sealed record DryRunResult(int Total, int Create, int Update, int Duplicate, int Error, IReadOnlyList<DryRunRow> Rows);

/// <summary>What an import of the file would do, row by row, against the database as it is; writes nothing.</summary>
public sealed class ImportDryRun(LeadMailDb db, IOptions<ImportOptions> options)
{
    public async Task<DryRunResult> RunAsync(ImportTable table, ColumnMapping mapping, ImportDefaults defaults, bool byManager, int byRepId, CancellationToken ct)
    {
        var planner = new ImportPlanner(byManager, byRepId);
        var rows = new List<DryRunRow>(table.RowCount);
        foreach (var chunk in ImportRows.Mapped(table, mapping).Chunk(options.Value.BatchSize))
        {
            var leads = chunk.Select(r => ImportedLead.From(r.Row, r.Values, defaults)).ToList();
            foreach (var plan in await planner.PlanAsync(db, leads, ct))
                rows.Add(new DryRunRow(plan.Row, plan.Action, plan.Lead.Email ?? plan.Lead.EmailText, plan.Field, plan.Message));
            planner.Checkpoint();
        }
        return new DryRunResult(rows.Count,
            rows.Count(r => r.Action == ImportAction.Create), rows.Count(r => r.Action == ImportAction.Update),
            rows.Count(r => r.Action == ImportAction.Duplicate), rows.Count(r => r.Action == ImportAction.Error), rows);
    }
}
