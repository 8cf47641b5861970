using System.Net;
using System.Net.Http.Headers;
using LeadMail.Api.Imports;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Imports;
using MiniExcelLibs;

namespace LeadMail.Api.Tests.Imports;

/// <summary>The columns a file holds and the mapping the import would use, asked before the dry run so the page can show and change it.</summary>
public sealed class ImportColumnsTests(ImportApiFactory api) : IClassFixture<ImportApiFactory>
{
    private static Task<HttpResponseMessage> ColumnsAsync(HttpClient client, byte[] file, string fileName, string contentType)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(part, "file", fileName);
        return client.PostAsync("/api/imports/columns", form);
    }

    private static IEnumerable<(string Header, string? Field)> Mapping(ImportColumnsDto columns) => columns.Columns.Select(c => (c.Header, c.Field));

    [Fact]
    public async Task A_german_csv_answers_its_headers_in_order_with_samples_and_the_automatic_mapping()
    {
        using var rep = api.ClientFor("columns.csv@contoso.com");
        var csv = "Vorname;Nachname;E-Mail-Adresse;Firma;Telefon geschäftlich;Lieblingsfarbe\r\n" +
                  "Jürgen;Müller;j.mueller@example.de;Müller & Söhne GmbH;+49 221 1;Blau\r\n" +
                  "Änne;Weiß;;Bäckerei Öztürk;;Grün\r\n" +
                  "Jürgen;Groß;a.gross@example.de;Straßenbau Köln AG;;Rot\r\n";

        var columns = await (await ColumnsAsync(rep, ImportCalls.Windows1252.GetBytes(csv), "kontakte.csv", "text/csv")).ReadAsync<ImportColumnsDto>();

        Assert.Equal(ImportFormat.Csv, columns.Format);
        Assert.Equal(3, columns.Rows);
        Assert.Equal([("Vorname", "firstName"), ("Nachname", "lastName"), ("E-Mail-Adresse", "email"), ("Firma", "company"),
            ("Telefon geschäftlich", "phone"), ("Lieblingsfarbe", null)], Mapping(columns));
        Assert.Equal(["Jürgen", "Änne"], columns.Columns[0].Samples);
        Assert.Equal(["j.mueller@example.de", "a.gross@example.de"], columns.Columns[2].Samples);
        Assert.Equal(["+49 221 1"], columns.Columns[4].Samples);
        Assert.Equal(Enum.GetValues<ImportField>().Select(f => f.Name()), columns.Fields);
    }

    [Fact]
    public async Task An_xlsx_workbook_answers_its_header_row_and_its_values_as_the_import_reads_them()
    {
        using var manager = api.ManagerClient();
        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new[]
        {
            new Dictionary<string, object?> { ["Email Address"] = "ada@example.org", ["Account Name"] = "Engines Ltd", ["Mobile"] = 4917612345678L, ["Job Title"] = "Chief" },
        });

        var columns = await (await ColumnsAsync(manager, workbook.ToArray(), "leads.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
            .ReadAsync<ImportColumnsDto>();

        Assert.Equal(ImportFormat.Xlsx, columns.Format);
        Assert.Equal([("Email Address", "email"), ("Account Name", "company"), ("Mobile", "mobilePhone"), ("Job Title", "title")], Mapping(columns));
        Assert.Equal(["4917612345678"], columns.Columns[2].Samples);
    }

    [Fact]
    public async Task A_vcard_file_answers_the_fields_its_cards_hold()
    {
        using var rep = api.ClientFor("columns.vcf@contoso.com");
        var vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\nORG:Analytical Engines Ltd\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n";

        var columns = await (await ColumnsAsync(rep, ImportCalls.Utf8(vcf), "contacts.vcf", "text/vcard")).ReadAsync<ImportColumnsDto>();

        Assert.Equal(ImportFormat.VCard, columns.Format);
        Assert.Equal(1, columns.Rows);
        Assert.All(columns.Columns, c => Assert.Equal(c.Header, c.Field));
        var email = columns.Columns.Single(c => c.Field == "email");
        Assert.Equal(["ada@example.org"], email.Samples);
        Assert.Equal(["Lovelace"], columns.Columns.Single(c => c.Field == "lastName").Samples);
    }

    [Fact]
    public async Task A_file_with_no_recognised_column_still_answers_its_headers_so_the_manager_can_map_them()
    {
        using var manager = api.ManagerClient();
        var columns = await (await ColumnsAsync(manager, ImportCalls.Utf8("Mailbox,Firm\nada@example.org,Engines\n"), "odd.csv", "text/csv")).ReadAsync<ImportColumnsDto>();

        Assert.Equal([("Mailbox", null), ("Firm", null)], Mapping(columns));
    }

    [Fact]
    public async Task The_raw_body_with_its_content_type_is_read_as_the_dry_run_reads_it_and_a_bad_file_is_a_400_naming_file()
    {
        using var manager = api.ManagerClient();
        var raw = new ByteArrayContent(ImportCalls.Utf8("Email,Company\nada@example.org,Engines\n"));
        raw.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var columns = await (await manager.PostAsync("/api/imports/columns", raw)).ReadAsync<ImportColumnsDto>();
        Assert.Equal([("Email", "email"), ("Company", "company")], Mapping(columns));

        var empty = await ColumnsAsync(manager, ImportCalls.Utf8("Email,Company\n"), "empty.csv", "text/csv");
        Assert.NotEmpty(await empty.FieldErrorAsync("file"));
        var binary = await ColumnsAsync(manager, [0, 1, 2, 3], "photo.png", "image/png");
        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
        Assert.NotEmpty(await binary.FieldErrorAsync("file"));
    }
}
