using System.Globalization;
using LeadMail.Api.Auth;
using LeadMail.Api.Web;
using LeadMail.Core.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace LeadMail.Api.Reports;

/// <summary>The query string every report shares.</summary>
public sealed record ReportQuery(
    [property: FromQuery] string? From = null,
    [property: FromQuery] string? To = null,
    [property: FromQuery] string? Tz = null,
    [property: FromQuery] string? Granularity = null,
    [property: FromQuery] string? Owner = null,
    [property: FromQuery] string? Source = null,
    [property: FromQuery] string? Interest = null,
    [property: FromQuery] string? Region = null,
    [property: FromQuery] string? Format = null,
    [property: FromQuery] string? Table = null);

public enum ReportFormat
{
    Json,
    Csv,
}

/// <summary>A report request after validation and authorization: what to count, for whom, and how to answer.</summary>
public sealed record ReportRequest(ReportPeriod? Period, ReportScope Scope, ReportFormat Format, string Table)
{
    public const string DefaultTimeZone = "UTC";

    /// <summary>
    /// Validates the shared parameters (400 naming each bad field) and applies the one access rule:
    /// managers see the team, reps only their own figures (403 for anything wider). A rep who names
    /// no owner gets their own figures.
    /// </summary>
    /// <param name="defaultGranularity">Null for a report of the present state, which takes no period.</param>
    /// <param name="tables">The CSV tables the report offers; the first is the default.</param>
    public static Results<Ok<ReportRequest>, ValidationProblem, ProblemHttpResult> Read(
        ReportQuery query, Caller caller, HttpRequest http, Granularity? defaultGranularity, IReadOnlyCollection<string> tables)
    {
        var errors = new FieldErrors();
        var period = defaultGranularity is { } granularity ? ReadPeriod(query, granularity, errors) : null;
        var owner = ReadOwner(query.Owner, caller, errors);
        var format = ReadFormat(query.Format, http, errors);
        errors.MaxLength("source", query.Source, 100);
        errors.MaxLength("interest", query.Interest, 100);
        errors.MaxLength("region", query.Region, 100);
        var table = Blank(query.Table) ?? tables.First();
        if (!tables.Contains(table)) errors.Add("table", $"Unknown table '{Shorten(table)}'. This report has: {string.Join(", ", tables)}.");
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        var ownFigures = owner is ReportOwner.Rep rep && rep.RepId == caller.RepId;
        if (!caller.IsManager && !ownFigures)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Managers only",
                detail: "Reps see their own figures only: leave out owner, or use owner=me. Team-wide, unassigned and other reps' figures are for managers.",
                extensions: new Dictionary<string, object?> { ["field"] = "owner" });
        }

        var scope = new ReportScope(owner!, Blank(query.Source), Blank(query.Interest), Blank(query.Region));
        return TypedResults.Ok(new ReportRequest(period, scope, format, table));
    }

    /// <summary>The owner filter as the response echoes it: "all", "unassigned" or a rep id.</summary>
    public string OwnerName => Scope.Owner switch
    {
        ReportOwner.Rep rep => rep.RepId.ToString(CultureInfo.InvariantCulture),
        ReportOwner.Unassigned => "unassigned",
        _ => "all",
    };

    private static ReportPeriod? ReadPeriod(ReportQuery query, Granularity defaultGranularity, FieldErrors errors)
    {
        var from = ReadDate("from", query.From, errors);
        var to = ReadDate("to", query.To, errors);

        TimeZoneInfo? zone = null;
        var tz = string.IsNullOrWhiteSpace(query.Tz) ? DefaultTimeZone : query.Tz.Trim();
        // Only IANA names: a Windows id would resolve on some hosts and not others.
        if (tz.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out zone) || !zone.HasIanaId)
        {
            errors.Add("tz", $"Unknown time zone '{Shorten(tz)}'. Use an IANA name such as Europe/Berlin or America/New_York.");
            zone = null;
        }

        var granularity = defaultGranularity;
        if (query.Granularity is not null && !ApiJson.TryParseEnum(query.Granularity, out granularity))
            errors.Add("granularity", $"Unknown granularity '{Shorten(query.Granularity)}'. Use day, week or month.");

        if (from is { } f && to is { } t)
        {
            if (f > t) errors.Add("to", "to must be on or after from (both are local dates and both are included).");
            else if (t.AddDays(1) > f.AddYears(ReportPeriod.MaxYears)) errors.Add("to", $"The period may span at most {ReportPeriod.MaxYears} years.");
        }
        return from is { } start && to is { } end && zone is not null && !errors.Any ? new ReportPeriod(start, end, zone, granularity) : null;
    }

    private static DateOnly? ReadDate(string field, string? value, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{field} is required: a local date, yyyy-MM-dd.");
            return null;
        }
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, $"{field} must be a date, yyyy-MM-dd (a local date in tz, no time).");
            return null;
        }
        if (!ReportPeriod.IsSupported(date))
        {
            errors.Add(field, $"{field} must be a local date from {ReportPeriod.SupportedRange}.");
            return null;
        }
        return date;
    }

    private static ReportOwner? ReadOwner(string? owner, Caller caller, FieldErrors errors)
    {
        switch (owner?.Trim())
        {
            case null or "": return caller.IsManager ? new ReportOwner.Team() : new ReportOwner.Rep(caller.RepId);
            case "all": return new ReportOwner.Team();
            case "me": return new ReportOwner.Rep(caller.RepId);
            case "unassigned": return new ReportOwner.Unassigned();
            case var id when int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var repId): return new ReportOwner.Rep(repId);
            default:
                errors.Add("owner", "owner is 'all', 'me', 'unassigned' or a rep id.");
                return null;
        }
    }

    private static ReportFormat ReadFormat(string? format, HttpRequest http, FieldErrors errors)
    {
        switch (format?.Trim().ToLowerInvariant())
        {
            case "csv": return ReportFormat.Csv;
            case "json": return ReportFormat.Json;
            case null or "": break;
            default:
                errors.Add("format", "format is 'json' or 'csv'.");
                return ReportFormat.Json;
        }
        // Without format=, the Accept header decides; CSV only when it is preferred over JSON.
        var accept = http.GetTypedHeaders().Accept;
        double QualityOf(string mediaType) => accept
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        var csv = QualityOf(CsvFile.MediaType);
        return csv > 0 && csv >= QualityOf("application/json") ? ReportFormat.Csv : ReportFormat.Json;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
