using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LeadMail.Api.Imports;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Imports;

/// <summary>Uploads as a browser's form or a script's raw body, and waiting for a committed import to finish.</summary>
public static class ImportCalls
{
    public static readonly Encoding Windows1252 = GetWindows1252();

    public static byte[] Utf8(string text, bool bom = false) => [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)];

    /// <summary>The file as the multipart field "file", with the other fields beside it.</summary>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] file, string fileName, string contentType,
        bool dryRun, IDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(part, "file", fileName);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>()) form.Add(new StringContent(value), name);
        return client.PostAsync(dryRun ? "/api/imports?dryRun=true" : "/api/imports", form);
    }

    public static Task<HttpResponseMessage> UploadCsvAsync(this HttpClient client, string csv, bool dryRun, IDictionary<string, string>? fields = null) =>
        client.UploadAsync(Utf8(csv), "leads.csv", "text/csv", dryRun, fields);

    public static async Task<ImportDryRunDto> DryRunAsync(this HttpClient client, byte[] file, string fileName, string contentType, IDictionary<string, string>? fields = null) =>
        await (await client.UploadAsync(file, fileName, contentType, dryRun: true, fields)).ReadAsync<ImportDryRunDto>();

    /// <summary>Commits the file and waits until the background run has finished it.</summary>
    public static async Task<ImportDto> CommitAsync(this HttpClient client, byte[] file, string fileName, string contentType, IDictionary<string, string>? fields = null)
    {
        var response = await client.UploadAsync(file, fileName, contentType, dryRun: false, fields);
        var queued = await response.ReadAsync<ImportDto>(HttpStatusCode.Accepted);
        Assert.Equal($"/api/imports/{queued.Id}", response.Headers.Location?.OriginalString);
        return await client.WaitForImportAsync(queued.Id);
    }

    public static Task<ImportDto> CommitCsvAsync(this HttpClient client, string csv, IDictionary<string, string>? fields = null) =>
        client.CommitAsync(Utf8(csv), "leads.csv", "text/csv", fields);

    public static Task<ImportDryRunDto> DryRunCsvAsync(this HttpClient client, string csv, IDictionary<string, string>? fields = null) =>
        client.DryRunAsync(Utf8(csv), "leads.csv", "text/csv", fields);

    /// <summary>Polls the import until it is completed or failed; bounded by a count of polls, not by a clock.</summary>
    public static async Task<ImportDto> WaitForImportAsync(this HttpClient client, int id)
    {
        for (var poll = 0; poll < 2_000; poll++)
        {
            var import = await (await client.GetAsync($"/api/imports/{id}")).ReadAsync<ImportDto>();
            if (import.Status is Core.Imports.ImportStatus.Completed or Core.Imports.ImportStatus.Failed) return import;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"Import {id} did not finish.");
    }

    /// <summary>The lead holding the address, with its addresses, straight from the database.</summary>
    public static Task<Contact?> ContactByEmailAsync(this LeadMailApiFactory factory, string email) =>
        factory.InScopeAsync(sp => sp.GetRequiredService<LeadMailDb>().Contacts.AsNoTracking().Include(c => c.Emails)
            .FirstOrDefaultAsync(c => c.Emails.Any(e => e.Address == EmailAddress.Normalize(email))));

    private static Encoding GetWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
