using LeadMail.Api.Auth;
using LeadMail.Core.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadMail.Api.Reports;

/// <summary>What a report answered and for which period and filters, so a saved response explains itself.</summary>
public sealed record Report<T>(ReportPeriodDto? Period, ReportFiltersDto Filters, T Data);

/// <param name="From">First local day, included.</param>
/// <param name="To">Last local day, included.</param>
/// <param name="StartUtc">The instant the period starts (local midnight of <paramref name="From"/>).</param>
/// <param name="EndUtc">The instant the period ends, excluded (local midnight after <paramref name="To"/>).</param>
public sealed record ReportPeriodDto(DateOnly From, DateOnly To, string TimeZone, Granularity Granularity, DateTime StartUtc, DateTime EndUtc);

public sealed record ReportFiltersDto(string Owner, string? Source, string? Interest, string? Region);

/// <summary>A report's CSV tables by name; the first one added is what <c>format=csv</c> returns without <c>table=</c>.</summary>
public sealed class ReportTables<T> : List<KeyValuePair<string, Func<T, CsvTable>>>
{
    public Func<T, CsvTable> this[string name]
    {
        get => this.First(t => t.Key == name).Value;
        set => Add(new(name, value));
    }

    public IReadOnlyCollection<string> Names => this.Select(t => t.Key).ToList();
}

public static class ReportResponse
{
    /// <summary>The one flow every report goes through: read and authorize the request, run the report, answer JSON or CSV.</summary>
    public static async Task<Results<Ok<Report<T>>, CsvFile, ValidationProblem, ProblemHttpResult>> RespondAsync<T>(
        string name, ReportQuery query, Caller caller, HttpRequest http, Granularity? defaultGranularity, ReportTables<T> tables,
        Func<ReportRequest, Task<T>> run)
    {
        var read = ReportRequest.Read(query, caller, http, defaultGranularity, tables.Names);
        if (read.Result is ValidationProblem invalid) return invalid;
        if (read.Result is ProblemHttpResult forbidden) return forbidden;
        var request = ((Ok<ReportRequest>)read.Result).Value!;

        var data = await run(request);
        if (request.Format == ReportFormat.Csv) return new CsvFile(tables[request.Table](data), FileName(name, request, request.Table == tables.Names.First()));

        var period = request.Period is { } p
            ? new ReportPeriodDto(p.From, p.To, p.Zone.Id, p.Granularity, p.StartUtc, p.EndUtc)
            : null;
        var filters = new ReportFiltersDto(request.OwnerName, request.Scope.Source, request.Scope.Interest, request.Scope.Region);
        return TypedResults.Ok(new Report<T>(period, filters, data));
    }

    /// <summary>e.g. leadmail-new-leads-2026-01-01-to-2026-03-31.csv, or leadmail-touches-before-connect-… for a second table.</summary>
    private static string FileName(string name, ReportRequest request, bool defaultTable)
    {
        var table = defaultTable ? "" : "-" + request.Table;
        var period = request.Period is { } p ? $"-{p.From:yyyy-MM-dd}-to-{p.To:yyyy-MM-dd}" : "";
        return $"leadmail-{name}{table}{period}.csv";
    }
}
