using System.Globalization;
using LeadMail.Api.Auth;
using LeadMail.Api.Web;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LeadMail.Api.Reports;

public sealed record ReportServices(
    NewLeadsReport NewLeads, TouchesReport Touches, DatabaseHealthReport DatabaseHealth,
    ConversionReport Conversion, PipelineReport Pipeline, FollowUpsReport FollowUps, IOptions<FollowUpOptions> FollowUpOptions);

/// <summary>
/// Managers' reports. Every report shares one request shape (<see cref="ReportQuery"/>: period in the
/// caller's time zone, filters, JSON or CSV) and one access rule; a report adds only its query and its
/// CSV tables.
/// </summary>
public static class ReportEndpoints
{
    public static IServiceCollection AddReports(this IServiceCollection services) => services
        .AddScoped<NewLeadsReport>()
        .AddScoped<TouchesReport>()
        .AddScoped<DatabaseHealthReport>()
        .AddScoped<ConversionReport>()
        .AddScoped<PipelineReport>()
        .AddScoped<FollowUpsReport>();

    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Reports");
        group.MapGet("/new-leads", NewLeads).WithName("NewLeadsReport").ProducesReport<NewLeads>()
            .WithSummary("New leads per day, week or month, split by source, in the caller's time zone (JSON or CSV).");
        group.MapGet("/touches", Touches).WithName("TouchesReport").ProducesReport<Touches>()
            .WithSummary("Touches per rep per week by channel and direction, auto-logged apart from manual; outbound touches before connect.");
        group.MapGet("/database-health", DatabaseHealth).WithName("DatabaseHealthReport").ProducesReport<DatabaseHealth>()
            .WithSummary("Contacts missing email, phone or source; possible duplicates; stale open leads; touches flagged as consent violations.");
        group.MapGet("/conversion", Conversion).WithName("ConversionReport").ProducesReport<Conversion>()
            .WithSummary("Leads created in the period per source, interest, owner or creation cohort: won, conversion rate, mean and median days to won.");
        group.MapGet("/pipeline", Pipeline).WithName("PipelineReport").ProducesReport<PipelineReportData>()
            .WithSummary("Leads per stage now; stage-to-stage conversion and mean time in stage over the period; lost and nurture reasons ranked.");
        group.MapGet("/follow-ups", FollowUps).WithName("FollowUpsReport").ProducesReport<FollowUpsReportData>()
            .WithSummary("Per rep: follow-ups due in the period done on time, late or missed; overdue now; ripe leads untouched for N days.");
        return group;
    }

    /// <summary>One 200 answer in two media types: the typed result alone would document JSON only.</summary>
    private static RouteHandlerBuilder ProducesReport<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<Report<T>>(StatusCodes.Status200OK, "application/json", CsvFile.MediaType);

    public static readonly ReportTables<NewLeads> NewLeadsTables = new()
    {
        ["buckets"] = NewLeadsCsv.Buckets,
    };

    public static readonly ReportTables<Touches> TouchesTables = new()
    {
        ["touches"] = TouchesCsv.Touches,
        ["before-connect"] = TouchesCsv.Distribution,
        ["before-connect-summary"] = TouchesCsv.Summary,
    };

    public static readonly ReportTables<DatabaseHealth> DatabaseHealthTables = new()
    {
        ["summary"] = DatabaseHealthCsv.Summary,
        ["duplicates"] = DatabaseHealthCsv.Duplicates,
    };

    public static readonly ReportTables<Conversion> ConversionTables = new()
    {
        ["rows"] = ConversionCsv.Rows,
    };

    public static readonly ReportTables<PipelineReportData> PipelineTables = new()
    {
        ["stages"] = PipelineCsv.Stages,
        ["transitions"] = PipelineCsv.Transitions,
        ["reasons"] = PipelineCsv.Reasons,
    };

    public static readonly ReportTables<FollowUpsReportData> FollowUpsTables = new()
    {
        ["reps"] = FollowUpsCsv.Reps,
    };

    public static Task<Results<Ok<Report<NewLeads>>, CsvFile, ValidationProblem, ProblemHttpResult>> NewLeads(
        [AsParameters] ReportQuery query, Caller caller, [AsParameters] ReportServices services, HttpRequest http, CancellationToken ct) =>
        ReportResponse.RespondAsync("new-leads", query, caller, http, Granularity.Day, NewLeadsTables,
            r => services.NewLeads.RunAsync(r.Period!, r.Scope, ct));

    public static Task<Results<Ok<Report<Touches>>, CsvFile, ValidationProblem, ProblemHttpResult>> Touches(
        [AsParameters] ReportQuery query, Caller caller, [AsParameters] ReportServices services, HttpRequest http, CancellationToken ct) =>
        ReportResponse.RespondAsync("touches", query, caller, http, Granularity.Week, TouchesTables,
            r => services.Touches.RunAsync(r.Period!, r.Scope, ct));

    public static async Task<Results<Ok<Report<DatabaseHealth>>, CsvFile, ValidationProblem, ProblemHttpResult>> DatabaseHealth(
        [AsParameters] ReportQuery query, Caller caller, [AsParameters] ReportServices services, HttpRequest http, CancellationToken ct,
        [FromQuery] string? staleDays = null)
    {
        var stale = DatabaseHealthReport.DefaultStaleDays;
        if (staleDays is not null && (!int.TryParse(staleDays, NumberStyles.None, CultureInfo.InvariantCulture, out stale) || stale is < 1 or > 3650))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["staleDays"] = ["staleDays is a whole number of days from 1 to 3650."] });
        }
        return await ReportResponse.RespondAsync("database-health", query, caller, http, defaultGranularity: null, DatabaseHealthTables,
            r => services.DatabaseHealth.RunAsync(r.Scope, stale, ct));
    }

    public static async Task<Results<Ok<Report<Conversion>>, CsvFile, ValidationProblem, ProblemHttpResult>> Conversion(
        [AsParameters] ReportQuery query, Caller caller, [AsParameters] ReportServices services, HttpRequest http, CancellationToken ct,
        [FromQuery] string? by = null)
    {
        var grouping = ConversionGrouping.Source;
        if (by is not null && !ApiJson.TryParseEnum(by, out grouping))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["by"] = ["by is 'source', 'interest', 'owner' or 'cohort'."] });
        }
        return await ReportResponse.RespondAsync("conversion", query, caller, http, Granularity.Month, ConversionTables,
            r => services.Conversion.RunAsync(r.Period!, r.Scope, grouping, ct));
    }

    public static Task<Results<Ok<Report<PipelineReportData>>, CsvFile, ValidationProblem, ProblemHttpResult>> Pipeline(
        [AsParameters] ReportQuery query, Caller caller, [AsParameters] ReportServices services, HttpRequest http, CancellationToken ct) =>
        ReportResponse.RespondAsync("pipeline", query, caller, http, Granularity.Month, PipelineTables,
            r => services.Pipeline.RunAsync(r.Period!, r.Scope, ct));

    public static async Task<Results<Ok<Report<FollowUpsReportData>>, CsvFile, ValidationProblem, ProblemHttpResult>> FollowUps(
        [AsParameters] ReportQuery query, Caller caller, [AsParameters] ReportServices services, HttpRequest http, CancellationToken ct,
        [FromQuery] string? ripeDays = null)
    {
        var ripe = services.FollowUpOptions.Value.RipeAfterDays;
        if (ripeDays is not null && (!int.TryParse(ripeDays, NumberStyles.None, CultureInfo.InvariantCulture, out ripe) || ripe is < 1 or > 3650))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ripeDays"] = ["ripeDays is a whole number of days from 1 to 3650."] });
        }
        return await ReportResponse.RespondAsync("follow-ups", query, caller, http, Granularity.Month, FollowUpsTables,
            r => services.FollowUps.RunAsync(r.Period!, r.Scope, ripe, ct));
    }
}
