using LeadMail.Api.Auth;
using LeadMail.Core.Imports;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Api.Imports;

public sealed record ImportServices(LeadMailDb Db, ImportDryRun DryRun, ImportSubmission Submission, IOptions<ImportOptions> Options);

public static class ImportEndpoints
{
    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Imports");
        group.MapPost("/", Import).WithName("ImportLeads")
            .WithSummary("Import leads from a CSV, .xlsx or vCard file: with dryRun=true, what each row would do; otherwise queued (202), its progress at Location.")
            .WithMetadata(new ImportBodyLimit());
        group.MapPost("/columns", Columns).WithName("ImportColumns")
            .WithSummary("The file's columns in order, a sample of their values and the field each is mapped to automatically, for choosing the mapping before a dry run.")
            .WithMetadata(new ImportBodyLimit());
        group.MapGet("/{id:int}", Get).WithName("GetImport").WithSummary("An import's progress and the rows it could not import (its uploader and managers).");
        return group;
    }

    /// <summary>The registration the API needs: the import services and their background run.</summary>
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration) =>
        services.AddLeadMailImports(configuration);

    public static async Task<Results<Ok<ImportDryRunDto>, Accepted<ImportDto>, ValidationProblem>> Import(
        HttpRequest request, Caller caller, [AsParameters] ImportServices services, CancellationToken ct, bool? dryRun = null)
    {
        var (upload, errors) = await ImportUploads.ReadAsync(request, services.Options.Value, ct);
        if (upload is null) return TypedResults.ValidationProblem(errors);

        if (dryRun == true)
        {
            var result = await services.DryRun.RunAsync(upload.Table, upload.Mapping, upload.Defaults, caller.IsManager, caller.RepId, ct);
            return TypedResults.Ok(new ImportDryRunDto(result.Total, result.Create, result.Update, result.Duplicate, result.Error,
                result.Rows.Select(r => new ImportDryRunRowDto(r.Row, r.Action, r.Email, r.Field, r.Message)).ToList()));
        }

        var import = await services.Submission.SubmitAsync(
            new ImportRequest(upload.FileName, upload.Table, upload.Mapping, upload.Defaults, upload.Overwrite, caller.RepId, caller.IsManager), ct);
        return TypedResults.Accepted($"/api/imports/{import.Id}",
            new ImportDto(import.Id, import.Status, import.Total, import.Processed, import.Created, import.Updated, import.Skipped, []));
    }

    /// <summary>How many values of a column the answer shows, and how long each may be: enough to recognise the column.</summary>
    private const int SampleCount = 2, SampleLength = 80;

    public static async Task<Results<Ok<ImportColumnsDto>, ValidationProblem>> Columns(HttpRequest request, [AsParameters] ImportServices services, CancellationToken ct)
    {
        var (table, errors) = await ImportUploads.ReadTableAsync(request, services.Options.Value, ct);
        if (table is null) return TypedResults.ValidationProblem(errors);
        var automatic = ColumnMapping.For(table.Headers, null).Columns.ToDictionary(c => c.Value, c => c.Key.Name());
        var samples = SamplesOf(table);
        var columns = table.Headers.Select((header, column) => new ImportColumnDto(header, samples[column], automatic.GetValueOrDefault(column))).ToList();
        return TypedResults.Ok(new ImportColumnsDto(table.Format, table.RowCount, columns, Enum.GetValues<ImportField>().Select(f => f.Name()).ToList()));
    }

    /// <summary>The first distinct values of each column, read in one pass that stops once every column has its samples.</summary>
    private static List<string>[] SamplesOf(ImportTable table)
    {
        var samples = table.Headers.Select(_ => new List<string>()).ToArray();
        var missing = samples.Length;
        foreach (var row in table.Rows())
        {
            for (var column = 0; column < samples.Length && column < row.Cells.Count; column++)
            {
                var value = row.Cells[column]?.Trim();
                if (string.IsNullOrEmpty(value) || samples[column].Count == SampleCount) continue;
                if (value.Length > SampleLength) value = value[..SampleLength] + "…";
                if (samples[column].Contains(value)) continue;
                samples[column].Add(value);
                if (samples[column].Count == SampleCount) missing--;
            }
            if (missing == 0) break;
        }
        return samples;
    }

    public static async Task<Results<Ok<ImportDto>, NotFound<ProblemDetails>>> Get(int id, Caller caller, [AsParameters] ImportServices services, CancellationToken ct)
    {
        var import = await services.Db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        // Another rep's import is not theirs to know of.
        if (import is null || !caller.IsManager && import.ByRepId != caller.RepId)
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Import not found" });
        var errors = await services.Db.ImportRowErrors.AsNoTracking().Where(e => e.ImportId == id).OrderBy(e => e.Row).ThenBy(e => e.Id)
            .Select(e => new ImportErrorDto(e.Row, e.Field, e.Message)).ToListAsync(ct);
        return TypedResults.Ok(new ImportDto(import.Id, import.Status, import.Total, import.Processed, import.Created, import.Updated, import.Skipped, errors));
    }

    /// <summary>
    /// Imports take files: a larger cap than the API's small default, on this route only. It leaves room for the
    /// multipart framing and the form fields around a file of the largest size an import accepts.
    /// </summary>
    private sealed class ImportBodyLimit : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => 21 * 1024 * 1024;
    }
}
