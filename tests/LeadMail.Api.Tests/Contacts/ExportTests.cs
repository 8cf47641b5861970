using System.Net;
using LeadMail.Api.Contacts;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Sylvan.Data.Csv;

namespace LeadMail.Api.Tests.Contacts;

public sealed class ExportTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task A_reps_export_has_exactly_their_visible_leads_and_a_managers_all_of_them()
    {
        using var rep = api.ClientFor("export.rep@contoso.com");
        using var colleague = api.ClientFor("export.colleague@contoso.com");
        using var manager = api.ManagerClient();
        var source = Unique.Token("export-");
        var mine = await rep.CreateLeadAsync(source: source, ownerId: (await rep.MeAsync()).Id);
        var unassigned = await manager.CreateLeadAsync(source: source);
        var theirs = await colleague.CreateLeadAsync(source: source, ownerId: (await colleague.MeAsync()).Id);

        var repRows = await ExportAsync(rep, $"source={source}");
        var managerRows = await ExportAsync(manager, $"source={source}");

        Assert.Equal([unassigned.Id, mine.Id], repRows.Select(r => int.Parse(r["id"])));
        Assert.Equal([theirs.Id, unassigned.Id, mine.Id], managerRows.Select(r => int.Parse(r["id"])));
        var row = managerRows.Single(r => int.Parse(r["id"]) == theirs.Id);
        Assert.Equal((theirs.Email, "Ada", "Lovelace", theirs.OwnerId.ToString(), theirs.OwnerName, "new", "0", "false"),
            (row["email"], row["firstName"], row["lastName"], row["ownerId"], row["ownerName"], row["stage"], row["touchesTotal"], row["doNotCall"]));
        Assert.Equal(ContactCsv.Header, managerRows[0].Keys);
    }

    [Fact]
    public async Task The_lists_filters_apply_and_a_bad_one_is_400_naming_it()
    {
        using var manager = api.ManagerClient();
        var source = Unique.Token("filter-");
        var qualified = await manager.CreateLeadAsync(source: source, stage: "marketingQualified", company: "Zeppelin Works");
        await manager.CreateLeadAsync(source: source, company: "Other Co");

        Assert.Equal([qualified.Id], (await ExportAsync(manager, $"source={source}&stage=marketingQualified")).Select(r => int.Parse(r["id"])));
        Assert.Equal([qualified.Id], (await ExportAsync(manager, $"source={source}&q=zeppelin")).Select(r => int.Parse(r["id"])));

        foreach (var (query, field) in new[] { ("stage=sideways", "stage"), ("owner=someone", "owner"), ("q=" + new string('x', 201), "q") })
        {
            var response = await manager.GetAsync("/api/contacts/export?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_hostile_cell_comes_out_as_text_not_a_formula()
    {
        using var manager = api.ManagerClient();
        var source = Unique.Token("hostile-");
        var lead = await manager.CreateContactAsync(new
        {
            email = Unique.Email(), source, firstName = "=HYPERLINK(\"http://evil.example\",\"click\")", lastName = "+1+1",
            company = "@SUM(A1)", background = "line one, with a comma\r\nline two \"quoted\"",
        });

        var row = Assert.Single(await ExportAsync(manager, $"source={source}"));

        Assert.Equal((lead.Id, "'=HYPERLINK(\"http://evil.example\",\"click\")", "'+1+1", "'@SUM(A1)", "line one, with a comma\r\nline two \"quoted\""),
            (int.Parse(row["id"]), row["firstName"], row["lastName"], row["company"], row["background"]));
    }

    [Fact]
    public async Task A_large_export_is_streamed_with_every_row()
    {
        const int leads = 3000;
        var source = Unique.Token("large-");
        await api.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LeadMailDb>();
            var now = api.Clock.UtcNow;
            for (var i = 0; i < leads; i++)
                db.Contacts.Add(new Contact { FirstName = $"Bulk {i}", Source = source, CreatedAt = now, UpdatedAt = now, Emails = [new ContactEmail { Address = Unique.Email(), IsPrimary = true }] });
            await db.SaveChangesAsync();
        });
        using var manager = api.ManagerClient();

        using var response = await manager.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/contacts/export?source={source}"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Written as it is read: no length known up front, as there would be for a file built in memory.
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        await using var body = await response.Content.ReadAsStreamAsync();
        var rows = await ReadAsync(body);
        Assert.Equal(leads, rows.Count);
        Assert.Equal(leads, rows.Select(r => r["id"]).Distinct().Count());
    }

    private static async Task<List<Dictionary<string, string>>> ExportAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/contacts/export?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return await ReadAsync(new MemoryStream(bytes));
    }

    private static async Task<List<Dictionary<string, string>>> ReadAsync(Stream body)
    {
        using var text = new StreamReader(body, detectEncodingFromByteOrderMarks: true);
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true });
        var rows = new List<Dictionary<string, string>>();
        while (await csv.ReadAsync())
        {
            var row = new Dictionary<string, string>();
            for (var i = 0; i < csv.FieldCount; i++) row[csv.GetName(i)] = csv.GetString(i);
            rows.Add(row);
        }
        return rows;
    }
}
