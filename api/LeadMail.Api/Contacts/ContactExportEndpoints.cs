using System.Text;
using AutoMapper.QueryableExtensions;
using LeadMail.Api.Auth;
using LeadMail.Api.Reports;
using LeadMail.Api.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace LeadMail.Api.Contacts;

/// <summary>The contacts list as a CSV file for Excel: the same filters and visibility as the list, every row, written as it is read.</summary>
public static class ContactExportEndpoints
{
    public static Results<ContactCsv, ValidationProblem> Export(
        Caller caller, [AsParameters] ContactServices services,
        string? stage = null, string? owner = null, string? source = null, string? interest = null, string? q = null,
        DateTime? followUpDueBefore = null)
    {
        var errors = new FieldErrors();
        var contacts = ContactListFilter.Apply(services.Db.Contacts.AsNoTracking().VisibleTo(caller), caller, services.Db, errors,
            stage, owner, source, interest, q, followUpDueBefore);
        if (errors.Any) return TypedResults.ValidationProblem(errors);
        var rows = contacts.OrderByDescending(c => c.Id).ProjectTo<ContactDto>(services.Mapper.ConfigurationProvider).AsAsyncEnumerable();
        return new ContactCsv(rows, $"contacts-{services.Clock.GetUtcNow().UtcDateTime:yyyy-MM-dd}.csv");
    }
}

/// <summary>
/// Contacts as CSV, streamed: each row is formatted by <see cref="CsvFile.Line"/> (quoting, formulas defused) and
/// written as the query yields it, so an export of the whole database never holds it in memory.
/// </summary>
public sealed class ContactCsv(IAsyncEnumerable<ContactDto> rows, string fileName) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    /// <summary>Every profile field, the owner, stage, score, consent flags, counters and the next follow-up.</summary>
    public static readonly string[] Header =
    [
        "id", "firstName", "lastName", "email", "otherEmails", "company", "title", "phone", "mobilePhone", "street", "city", "postalCode",
        "region", "country", "background", "source", "firstMetOn", "interest", "ownerId", "ownerName", "stage", "priority", "prioritySetByHand",
        "score", "doNotCall", "doNotEmail", "unsubscribed", "touchesTotal", "lastTouchAt", "lastInboundAt", "firstConnectAt",
        "touchesBeforeConnect", "outboundSinceConnect", "nextFollowUpDue", "nextFollowUpNote", "createdAt", "updatedAt",
    ];

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => $"{CsvFile.MediaType}; charset=utf-8; header=present";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var ct = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        // The byte-order mark tells Excel the file is UTF-8.
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(CsvFile.Line(Header));
        var written = 0;
        await foreach (var c in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(CsvFile.Line(Row(c)));
            // Hand full buffers to the client as they fill, rather than the whole file at the end.
            if (++written % 500 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }

    private static object?[] Row(ContactDto c) =>
    [
        c.Id, c.FirstName, c.LastName, c.Email, string.Join("; ", c.Emails.Skip(1)), c.Company, c.Title, c.Phone, c.MobilePhone, c.Street,
        c.City, c.PostalCode, c.Region, c.Country, c.Background, c.Source, c.FirstMetOn, c.Interest, c.OwnerId, c.OwnerName, c.Stage,
        c.Priority, c.PrioritySetByHand, c.Score, c.DoNotCall, c.DoNotEmail, c.Unsubscribed, c.TouchesTotal, c.LastTouchAt, c.LastInboundAt,
        c.FirstConnectAt, c.TouchesBeforeConnect, c.OutboundSinceConnect, c.NextFollowUpDue, c.NextFollowUpNote, c.CreatedAt, c.UpdatedAt,
    ];
}
