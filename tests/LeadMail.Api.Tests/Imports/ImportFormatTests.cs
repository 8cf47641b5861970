using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Imports;
using MiniExcelLibs;

namespace LeadMail.Api.Tests.Imports;

/// <summary>Files as spreadsheets, CRMs and phones really write them, each read into the right leads.</summary>
public sealed class ImportFormatTests(ImportApiFactory api) : IClassFixture<ImportApiFactory>
{
    private readonly HttpClient manager = api.ManagerClient();

    [Fact]
    public async Task Utf8_with_a_byte_order_mark_and_commas_keeps_umlauts_and_lower_cases_the_address()
    {
        var email = $"J.Mueller.{Guid.NewGuid():N}@Example.DE";
        var file = ImportCalls.Utf8($"First Name,Last Name,E-mail Address,Company\r\nJürgen,Müller,{email},Müller & Söhne GmbH\r\n", bom: true);

        var result = await manager.CommitAsync(file, "bom.csv", "text/csv");

        Assert.Equal((1, 1, 0, 0), (result.Total, result.Created, result.Updated, result.Skipped));
        var lead = await api.ContactByEmailAsync(email);
        Assert.Equal(("Jürgen", "Müller", "Müller & Söhne GmbH"), (lead!.FirstName, lead.LastName, lead.Company));
        Assert.Equal(email.ToLowerInvariant(), lead.PrimaryEmail);
    }

    [Fact]
    public async Task Utf8_without_a_byte_order_mark_with_semicolons_and_german_outlook_headers()
    {
        var email = Unique.Email("groß");
        var csv = $"Vorname;Nachname;E-Mail-Adresse;Firma;Position;Telefon geschäftlich;Mobiltelefon;Ort geschäftlich;Land/Region geschäftlich\n" +
                  $"Anne-Kathrin;Groß;{email};Straßenbau Köln AG;Einkäuferin;+49 221 12345;0171 2345678;Köln;Deutschland\n";

        var result = await manager.CommitAsync(ImportCalls.Utf8(csv), "kontakte.csv", "text/csv");

        Assert.Equal(1, result.Created);
        var lead = await api.ContactByEmailAsync(email);
        Assert.Equal(("Anne-Kathrin", "Groß", "Straßenbau Köln AG", "Einkäuferin"), (lead!.FirstName, lead.LastName, lead.Company, lead.Title));
        Assert.Equal(("+49 221 12345", "0171 2345678", "Köln", "DE"), (lead.Phone, lead.MobilePhone, lead.City, lead.Country));
    }

    [Fact]
    public async Task Windows_1252_as_excel_saves_csv_keeps_its_umlauts()
    {
        var email = Unique.Email("weiss");
        var csv = $"Vorname;Nachname;E-Mail;Unternehmen;Notizen\r\nÄnne;Weiß;{email};Bäckerei Öztürk;Trifft sich gern früh – um 7 Uhr\r\n";
        var file = ImportCalls.Windows1252.GetBytes(csv);

        await manager.CommitAsync(file, "excel.csv", "application/vnd.ms-excel");

        var lead = await api.ContactByEmailAsync(email);
        Assert.Equal(("Änne", "Weiß", "Bäckerei Öztürk"), (lead!.FirstName, lead.LastName, lead.Company));
        Assert.Equal("Trifft sich gern früh – um 7 Uhr", lead.Background);
    }

    [Fact]
    public async Task Quoted_fields_with_line_breaks_and_commas_are_one_row_and_rows_are_numbered_as_the_spreadsheet_shows_them()
    {
        var email = Unique.Email("quoted");
        var csv = "First Name,Last Name,Email,Notes\r\n" +
                  $"Ada,Lovelace,{email},\"Met at the fair.\r\nWants a demo, \"\"soon\"\".\"\r\n" +
                  "Bob,Builder,not-an-address,\"two\nlines\"\r\n" +
                  "\r\n" +
                  ",,,only notes here\r\n";

        var dry = await manager.DryRunCsvAsync(csv);

        Assert.Equal(3, dry.Total);
        Assert.Equal([2, 3, 5], dry.Rows.Select(r => r.Row));
        Assert.Equal(ImportAction.Create, dry.Rows[0].Action);
        Assert.Equal((ImportAction.Error, "email", "not-an-address"), (dry.Rows[1].Action, dry.Rows[1].Field, dry.Rows[1].Email));
        Assert.Equal((ImportAction.Error, "email"), (dry.Rows[2].Action, dry.Rows[2].Field));

        await manager.CommitCsvAsync(csv);
        Assert.Equal("Met at the fair.\r\nWants a demo, \"soon\".", (await api.ContactByEmailAsync(email))!.Background);
    }

    [Fact]
    public async Task An_outlook_contacts_export_fills_the_job_title_not_the_honorific()
    {
        var email = Unique.Email("outlook");
        const string header = "\"Title\",\"First Name\",\"Middle Name\",\"Last Name\",\"Suffix\",\"Company\",\"Department\",\"Job Title\",\"Business Street\"," +
            "\"Business Street 2\",\"Business Street 3\",\"Business City\",\"Business State\",\"Business Postal Code\",\"Business Country/Region\"," +
            "\"Home Street\",\"Home City\",\"Home State\",\"Home Postal Code\",\"Home Country/Region\",\"Business Fax\",\"Business Phone\"," +
            "\"Business Phone 2\",\"Home Phone\",\"Mobile Phone\",\"Categories\",\"E-mail Address\",\"E-mail Type\",\"E-mail Display Name\"," +
            "\"E-mail 2 Address\",\"Notes\",\"Web Page\"";
        var row = $"\"Mr.\",\"John\",\"Q\",\"Smith\",\"\",\"Contoso Ltd\",\"Sales\",\"Purchasing Lead\",\"1 Main St\",\"\",\"\",\"Seattle\",\"WA\",\"98101\"," +
            $"\"United States\",\"\",\"\",\"\",\"\",\"\",\"\",\"+1 206 555 0100\",\"+1 206 555 0101\",\"\",\"+1 206 555 0199\",\"\",\"{email}\",\"SMTP\"," +
            $"\"John Smith ({email})\",\"\",\"Prefers mornings\",\"\"";

        await manager.CommitCsvAsync(header + "\r\n" + row + "\r\n");

        var lead = await api.ContactByEmailAsync(email);
        Assert.Equal(("John", "Smith", "Contoso Ltd", "Purchasing Lead"), (lead!.FirstName, lead.LastName, lead.Company, lead.Title));
        Assert.Equal(("+1 206 555 0100", "+1 206 555 0199"), (lead.Phone, lead.MobilePhone));
        Assert.Equal(("1 Main St", "Seattle", "WA", "98101", "US"), (lead.Street, lead.City, lead.Region, lead.PostalCode, lead.Country));
        Assert.Equal("Prefers mornings", lead.Background);
    }

    [Fact]
    public async Task An_xlsx_workbook_with_german_headers_numbers_and_dates()
    {
        var email = Unique.Email("xlsx");
        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new[]
        {
            new Dictionary<string, object?>
            {
                ["Vorname"] = "Jörg", ["Nachname"] = "Weiß", ["E-Mail-Adresse"] = email, ["Firma"] = "Elektro Süd", ["Handy"] = 4917612345678L,
                ["Kennengelernt am"] = new DateTime(2026, 3, 14),
            },
            new Dictionary<string, object?>
            {
                ["Vorname"] = null, ["Nachname"] = null, ["E-Mail-Adresse"] = null, ["Firma"] = null, ["Handy"] = null, ["Kennengelernt am"] = null,
            },
        });

        var dry = await manager.DryRunAsync(workbook.ToArray(), "leads.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Equal((1, 1), (dry.Total, dry.Create));
        Assert.Equal(2, dry.Rows.Single().Row);

        await manager.CommitAsync(workbook.ToArray(), "leads.xlsx", "application/octet-stream");
        var lead = await api.ContactByEmailAsync(email);
        Assert.Equal(("Jörg", "Weiß", "Elektro Süd", "4917612345678"), (lead!.FirstName, lead.LastName, lead.Company, lead.MobilePhone));
        Assert.Equal(new DateOnly(2026, 3, 14), lead.FirstMetOn);
    }

    [Fact]
    public async Task A_vcard_file_with_folded_lines_and_two_cards()
    {
        var (first, second) = (Unique.Email("vcard"), Unique.Email("vcard"));
        var vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\n" +
                  "N:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\nORG:Analytical Engines Ltd;Research\r\nTITLE:Chief\r\n  Mathematician\r\n" +
                  $"EMAIL;TYPE=INTERNET,WORK:{first}\r\nTEL;TYPE=WORK,VOICE:+44 20 7946 0000\r\nTEL;TYPE=CELL:+44 7700 900123\r\n" +
                  "ADR;TYPE=WORK:;;12 St James\\, Square;London;;SW1Y 4JH;United Kingdom\r\n" +
                  "NOTE:Met at the Royal Society. Interested in the engine\\, and in a long\r\n  conversation.\r\nEND:VCARD\r\n" +
                  "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n" +
                  $"EMAIL;TYPE=home:grace.home@example.org\r\nEMAIL;PREF=1;TYPE=work:{second}\r\nORG:Navy\r\nEND:VCARD\r\n";

        var dry = await manager.DryRunAsync(ImportCalls.Utf8(vcf), "contacts.vcf", "text/vcard");
        Assert.Equal((2, 2), (dry.Total, dry.Create));
        Assert.Equal([1, 15], dry.Rows.Select(r => r.Row));

        await manager.CommitAsync(ImportCalls.Utf8(vcf), "contacts.vcf", "text/x-vcard");
        var ada = await api.ContactByEmailAsync(first);
        Assert.Equal(("Ada", "Lovelace", "Analytical Engines Ltd", "Chief Mathematician"), (ada!.FirstName, ada.LastName, ada.Company, ada.Title));
        Assert.Equal(("+44 20 7946 0000", "+44 7700 900123"), (ada.Phone, ada.MobilePhone));
        Assert.Equal(("12 St James, Square", "London", "SW1Y 4JH", "GB"), (ada.Street, ada.City, ada.PostalCode, ada.Country));
        Assert.Equal("Met at the Royal Society. Interested in the engine, and in a long conversation.", ada.Background);
        var grace = await api.ContactByEmailAsync(second);
        Assert.Equal(("Grace", "Hopper", "Navy"), (grace!.FirstName, grace.LastName, grace.Company));
    }

    [Fact]
    public async Task An_outlook_vcard_21_in_quoted_printable_is_decoded_in_its_charset()
    {
        var email = Unique.Email("qp");
        var vcf = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\n" +
                  $"EMAIL;PREF;INTERNET:{email}\r\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Gr=C3=BC=C3=9Fe aus =\r\nK=C3=B6ln\r\nEND:VCARD\r\n";

        await manager.CommitAsync(ImportCalls.Utf8(vcf), "outlook.vcf", "text/x-vcard");

        var lead = await api.ContactByEmailAsync(email);
        Assert.Equal(("Jürgen", "Müller", "Grüße aus Köln"), (lead!.FirstName, lead.LastName, lead.Background));
    }
}
