using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LeadMail.Api.Reports;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Reports;

namespace LeadMail.Reports.Tests;

[Collection(GeneratedDatasetCollection.Name)]
public sealed class CsvTests(GeneratedDataset data)
{
    [Fact]
    public async Task New_leads_as_CSV_has_a_header_a_row_per_bucket_ISO_dates_and_quoted_awkward_sources()
    {
        var response = await data.Manager.GetAsync("/api/reports/new-leads?from=2026-01-01&to=2026-01-31&tz=Europe/Berlin&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("leadmail-new-leads-2026-01-01-to-2026-01-31.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.EndsWith("\r\n", text);
        Assert.Contains("\"Trade, \"\"Expo\"\" 2026\"", text.Split("\r\n")[0]);

        var rows = Rfc4180.Parse(text);
        var json = await data.Host.GetJsonAsync<Report<NewLeads>>(data.Manager, "/api/reports/new-leads?from=2026-01-01&to=2026-01-31&tz=Europe/Berlin");
        Assert.Equal(["start", "end", "total", .. json.Data.Sources.Select(s => s ?? NewLeadsCsv.NoSource)], rows[0]);
        Assert.Equal(31 + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        Assert.Equal(["2026-01-01", "2026-01-02"], rows[1][..2]);
        Assert.Equal(json.Data.Buckets.Select(b => b.Total.ToString()), rows.Skip(1).Select(r => r[2]));
        var expoColumn = rows[0].IndexOf("Trade, \"Expo\" 2026");
        Assert.Equal(json.Data.Buckets.Select(b => b.BySource.Single(s => s.Source == "Trade, \"Expo\" 2026").Count.ToString()), rows.Skip(1).Select(r => r[expoColumn]));
    }

    [Fact]
    public async Task The_Accept_header_chooses_CSV_when_it_is_preferred()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/touches?from=2026-01-01&to=2026-03-31&tz=UTC");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.5));
        var csv = await data.Manager.SendAsync(request);
        var json = await data.Manager.GetAsync("/api/reports/touches?from=2026-01-01&to=2026-03-31&tz=UTC");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        var rows = Rfc4180.Parse(await csv.Content.ReadAsStringAsync());
        Assert.Equal(["start", "end", "repId", "rep", "channel", "direction", "autoLogged", "manual", "total"], rows[0]);
        var report = await data.Host.GetJsonAsync<Report<Touches>>(data.Manager, "/api/reports/touches?from=2026-01-01&to=2026-03-31&tz=UTC");
        Assert.Equal(report.Data.Rows.Count + 1, rows.Count);
        Assert.Contains(rows, r => r[4] == "email" && r[5] == "outbound");
    }

    [Fact]
    public async Task Touches_offers_the_before_connect_distribution_as_a_second_table()
    {
        var response = await data.Manager.GetAsync("/api/reports/touches?from=2026-01-01&to=2026-06-30&tz=UTC&format=csv&table=before-connect");

        Assert.Equal("leadmail-touches-before-connect-2026-01-01-to-2026-06-30.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var rows = Rfc4180.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["touchesBeforeConnect", "contacts"], rows[0]);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10+"], rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task Database_health_as_CSV_has_a_row_per_check_with_the_consent_violations_last()
    {
        var response = await data.Manager.GetAsync("/api/reports/database-health?format=csv");

        Assert.Equal("leadmail-database-health.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var rows = Rfc4180.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["check", "contacts"], rows[0]);
        var flagged = await data.Host.WithDbAsync(db => db.Interactions.Count(i => i.ConsentViolation != null));
        Assert.Equal(["consentViolations", flagged.ToString(System.Globalization.CultureInfo.InvariantCulture)], rows[^1]);
        Assert.Equal(["contacts", data.Leads.Count.ToString()], rows[1]);
    }
}

/// <summary>
/// Cells a spreadsheet could run: Excel splits a .csv on the locale's list separator (';' in much of Europe),
/// so a cell must be quoted whatever separator it holds, and a formula must not start after any of them.
/// </summary>
public sealed class CsvFormulaTests
{
    private static string Cell(string value) =>
        CsvFile.Write(new CsvTable(["h"], [[value]])).Split("\r\n")[1];

    [Theory]
    [InlineData("x;=1+1", "\"x;'=1+1\"")]
    [InlineData("a,=1+1", "\"a,'=1+1\"")]
    [InlineData("tab\t@SUM(A1)", "\"tab\t'@SUM(A1)\"")]
    [InlineData("line\n+1", "\"line\n'+1\"")]
    [InlineData("x; \"-2+3", "\"x; \"\"'-2+3\"")]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("\t=1", "\"'\t'=1\"")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("Smith-Jones", "Smith-Jones")]
    [InlineData("plain", "plain")]
    public void Every_cell_with_a_separator_is_quoted_and_no_formula_starts_after_one(string value, string written)
    {
        Assert.Equal(written, Cell(value));
    }

    [Fact]
    public void Numbers_keep_their_sign()
    {
        Assert.Equal("-5,-1.5", CsvFile.Write(new CsvTable(["a", "b"], [[-5, -1.5]])).Split("\r\n")[1]);
    }

    [Fact]
    public void What_was_written_reads_back_unchanged_but_for_the_apostrophes()
    {
        var values = new[] { "x;=1+1", "a,=1+1", "q\"uote", "two\r\nlines", "tab\there" };
        var text = CsvFile.Write(new CsvTable(values, [values]));

        var rows = Rfc4180.Parse(text);
        Assert.Equal(["x;'=1+1", "a,'=1+1", "q\"uote", "two\r\nlines", "tab\there"], rows[1]);
        Assert.Equal(rows[0], rows[1]);
    }

    /// <summary>
    /// Every piece a reader could cut the file into, splitting on any one separator with no regard for quotes
    /// (the harshest reader), minus leading quotes and spaces: none of them may start a formula.
    /// </summary>
    internal static IEnumerable<string> FormulaPieces(string text) =>
        new[] { ',', ';', '\t' }.SelectMany(separator => text.Split(['\r', '\n', separator]))
            .Select(piece => piece.TrimStart(' ', '"'))
            .Where(piece => piece.Length > 0 && piece[0] is '=' or '+' or '-' or '@');
}

/// <summary>Hostile text typed into leads and reps reaches the reports' CSV defused, through the real API.</summary>
public sealed class CsvHostileTextTests : IAsyncLifetime
{
    private const string Period = "from=2026-01-01&to=2026-01-31&tz=UTC";
    private readonly ReportHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_source_a_rep_name_and_a_lost_reason_with_semicolon_formulas_never_start_a_formula_cell()
    {
        var reps = await _host.AddRepsAsync(("eve@contoso.com", "Eve;=1+1", false), ("max@contoso.com", "Max", true));
        var lead = await _host.AddLeadAsync(new Contact
        {
            FirstName = "Hostile",
            LastName = "Lead",
            Source = "x;=1+1",
            Interest = "y;@SUM(1)",
            OwnerId = reps[0].Id,
            Emails = [new ContactEmail { Address = "hostile@fabrikam.example" }],
        }, new DateTime(2026, 1, 10, 9, 0, 0, DateTimeKind.Utc));
        await _host.RecordTouchesAsync([new Touch(lead.Id, reps[0].Id, Channel.Email, Direction.Outbound,
            new DateTime(2026, 1, 11, 9, 0, 0, DateTimeKind.Utc), "<hostile@contoso.com>", Origin.Sync, Subject: "Hi")]);
        var manager = _host.ClientFor("max@contoso.com", manager: true);

        foreach (var url in new[] { $"/api/reports/new-leads?{Period}", $"/api/reports/touches?{Period}", $"/api/reports/conversion?{Period}&by=source",
                     $"/api/reports/conversion?{Period}&by=interest" })
        {
            var response = await manager.GetAsync(url + "&format=csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();

            Assert.Empty(CsvFormulaTests.FormulaPieces(text));
            var cells = Rfc4180.Parse(text).SelectMany(r => r).ToList();
            Assert.Contains(cells, c => c is "x;'=1+1" or "Eve;'=1+1" or "y;'@SUM(1)");
        }
    }
}

/// <summary>A strict RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records.</summary>
internal static class Rfc4180
{
    public static List<List<string>> Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else if (c is '"' or '\r' or '\n') throw new FormatException($"Bare {(int)c} at {i}: not RFC 4180.");
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) throw new FormatException("The last record lacks its CRLF.");
        return rows;
    }
}
