using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace LeadMail.Api.Reports;

/// <summary>A report's table as Excel opens it: a header row, then one row per line.</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, semicolon, tab, quote or line
/// break, quotes doubled. UTF-8 with a byte-order mark, which is how Excel knows it is UTF-8. Dates are ISO 8601
/// and numbers use the invariant culture, so a German Excel reads the same file as an American one.
/// </summary>
public sealed class CsvFile(CsvTable table, string fileName) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string MediaType = "text/csv";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => $"{MediaType}; charset=utf-8; header=present";

    public CsvTable Table => table;

    public string FileName => fileName;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Write(table))).ToArray();
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    public static string Write(CsvTable table)
    {
        var csv = new StringBuilder();
        AppendLine(csv, table.Header);
        foreach (var row in table.Rows) AppendLine(csv, row);
        return csv.ToString();
    }

    /// <summary>One record, quoted and defused as in <see cref="Write"/>, with its CRLF: for CSV written row by row as it is read.</summary>
    public static string Line(IEnumerable<object?> fields)
    {
        var csv = new StringBuilder();
        AppendLine(csv, fields);
        return csv.ToString();
    }

    private static void AppendLine(StringBuilder csv, IEnumerable<object?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) csv.Append(',');
            first = false;
            csv.Append(Quote(Format(field)));
        }
        csv.Append("\r\n");
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => JsonName(e),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => Defused(s),
        _ => Defused(value.ToString() ?? ""),
    };

    /// <summary>
    /// Text a spreadsheet could read as a formula (a source named "=HYPERLINK(…)") gets an apostrophe before
    /// the formula's first character, so opening a report never runs what someone typed into a lead. That
    /// holds at the start of the cell and after every character a spreadsheet may split on: a reader whose list
    /// separator is ';' (Excel in much of Europe) cuts "x;=1+1" into "x" and "=1+1". Quotes and spaces
    /// between the separator and the formula do not hide it.
    /// </summary>
    private static string Defused(string text)
    {
        StringBuilder? safe = null;
        var boundary = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (boundary && c is '=' or '+' or '-' or '@' or '\t' or '\r') (safe ??= new StringBuilder(text, 0, i, text.Length + 8)).Append('\'');
            safe?.Append(c);
            boundary = Separators.Contains(c) || boundary && c is ' ' or '"';
        }
        return safe?.ToString() ?? text;
    }

    /// <summary>What spreadsheets split cells and rows on: comma, semicolon, tab, line breaks.</summary>
    private const string Separators = ",;\t\r\n";

    /// <summary>Quoted when it holds a quote or anything a reader may split on, whichever separator it uses.</summary>
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(Separators + "\"") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    private static string JsonName(Enum value) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
