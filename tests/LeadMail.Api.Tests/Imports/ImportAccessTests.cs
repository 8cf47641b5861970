using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LeadMail.Api.Imports;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Imports;

namespace LeadMail.Api.Tests.Imports;

/// <summary>Who may import and read an import; what bad input answers.</summary>
public sealed class ImportAccessTests(ImportApiFactory api) : IClassFixture<ImportApiFactory>
{
    [Fact]
    public async Task A_reps_own_list_is_theirs_their_import_is_hidden_from_other_reps_and_open_to_managers()
    {
        var rep = api.ClientFor(Unique.Email("rep"));
        var me = await rep.MeAsync();
        var email = Unique.Email("mine");

        var response = await rep.UploadCsvAsync($"Email,First Name\n{email},Mine\n", dryRun: false);
        var queued = await response.ReadAsync<ImportDto>(HttpStatusCode.Accepted);
        var done = await rep.WaitForImportAsync(queued.Id);

        Assert.Equal(1, done.Created);
        Assert.Equal(me.Id, (await api.ContactByEmailAsync(email))!.OwnerId);
        await (await api.ClientFor(Unique.Email("other")).GetAsync($"/api/imports/{queued.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.ManagerClient().GetAsync($"/api/imports/{queued.Id}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_manager_import_leaves_unrouted_leads_in_the_queue_and_a_rep_cannot_fill_a_colleagues_lead()
    {
        var manager = api.ManagerClient();
        var colleague = await api.ClientFor(Unique.Email("colleague")).MeAsync();
        var theirs = Unique.Email("theirs");
        await manager.CreateLeadAsync(email: theirs, ownerId: colleague.Id, company: null);
        var queued = Unique.Email("queued");

        await manager.CommitCsvAsync($"Email,First Name\n{queued},Queued\n");
        Assert.Null((await api.ContactByEmailAsync(queued))!.OwnerId);

        var rep = api.ClientFor(Unique.Email("rep"));
        var csv = $"Email,Company\n{theirs},Taken Over Inc\n";
        var dry = await rep.DryRunCsvAsync(csv);
        Assert.Equal((ImportAction.Duplicate, "email"), (dry.Rows.Single().Action, dry.Rows.Single().Field));
        var committed = await rep.CommitCsvAsync(csv);
        Assert.Equal((0, 0, 1), (committed.Created, committed.Updated, committed.Skipped));
        Assert.Null((await api.ContactByEmailAsync(theirs))!.Company);
    }

    [Fact]
    public async Task Without_a_token_both_routes_answer_401()
    {
        var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.UploadCsvAsync("Email\na@b.co\n", dryRun: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/imports/1")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_import_is_404()
    {
        await (await api.ManagerClient().GetAsync("/api/imports/999999")).ProblemAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, string, string, string> BadUploads => new()
    {
        // content type, file name, body, query, the field named
        { "text/csv", "empty.csv", "", "", "file" },
        { "text/csv", "header.csv", "Email,First Name\n", "", "file" },
        { "image/png", "photo.png", "\u0089PNG\r\n\u001a\n\0\0\0", "", "file" },
        { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "broken.xlsx", "PK\u0003\u0004 not really a workbook", "", "file" },
        { "text/csv", "leads.csv", "Email\na@b.co\n", "mapping=not-json", "mapping" },
        { "text/csv", "leads.csv", "Email\na@b.co\n", "mapping=" + Uri.EscapeDataString("""{"Email": "shoeSize"}"""), "mapping" },
        { "text/csv", "leads.csv", "Email\na@b.co\n", "mapping=" + Uri.EscapeDataString("""{"Mail": "email"}"""), "mapping" },
        { "text/csv", "leads.csv", "Email,Mail\na@b.co,c@d.co\n", "mapping=" + Uri.EscapeDataString("""{"Email": "email", "Mail": "email"}"""), "mapping" },
        { "text/csv", "leads.csv", "Telefon\n123\n", "", "mapping" },
        { "text/csv", "leads.csv", "Email\na@b.co\n", "firstMetOn=14.03.2026", "firstMetOn" },
        { "text/csv", "leads.csv", "Email\na@b.co\n", "source=" + new string('s', 101), "source" },
        { "text/csv", "leads.csv", "Email\na@b.co\n", "overwrite=maybe", "overwrite" },
        { "text/csv", "leads.csv", "Email\na@b.co\n", "dryRun=perhaps", "dryRun" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Bad_input_sent_as_the_raw_body_is_a_400_naming_the_field(string contentType, string fileName, string body, string query, string field)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var url = $"/api/imports?{(query.StartsWith("dryRun=") ? "" : "dryRun=true&")}fileName={fileName}&{query}";

        var response = await api.ManagerClient().PostAsync(url, content);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_file_over_the_import_cap_is_a_400_naming_the_file_and_one_over_the_apis_64_kb_default_is_accepted()
    {
        await using var capped = new ImportApiFactory { MaxFileBytes = 100 * 1024 };
        var manager = capped.ManagerClient();
        var rows = string.Concat(Enumerable.Range(0, 1_500).Select(i => $"lead{i}.{Guid.NewGuid():N}@example.com,Lead {i}\n"));
        var csv = "Email,Full Name\n" + rows;
        Assert.InRange(Encoding.UTF8.GetByteCount(csv), 64 * 1024 + 1, 100 * 1024);

        var dry = await manager.DryRunCsvAsync(csv);
        Assert.Equal((1_500, 1_500), (dry.Total, dry.Create));

        var tooLarge = await manager.UploadCsvAsync(csv + csv, dryRun: true);
        var problem = await tooLarge.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task The_raw_body_with_its_content_type_is_read_like_a_form_upload()
    {
        var email = Unique.Email("raw");
        var content = new ByteArrayContent(ImportCalls.Utf8($"E-Mail;Vorname\n{email};Raw\n"));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var response = await api.ManagerClient().PostAsync("/api/imports?source=Raw%20upload", content);

        var queued = await response.ReadAsync<ImportDto>(HttpStatusCode.Accepted);
        await api.ManagerClient().WaitForImportAsync(queued.Id);
        Assert.Equal(("Raw", "Raw upload"), ((await api.ContactByEmailAsync(email))!.FirstName, (await api.ContactByEmailAsync(email))!.Source));
    }
}
