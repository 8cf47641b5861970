using System.Text.Json.Nodes;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using LeadMail.Api.Auth;
using LeadMail.Api.Web;
using LeadMail.Core.Consent;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LeadMail.Api.Contacts;

public sealed record ContactServices(
    LeadMailDb Db, IMapper Mapper, TimeProvider Clock, LeadIntake Intake, TouchEffects Effects, FollowUpSchedule FollowUps, LeadScore Score,
    IOptions<FrequencyCapOptions> Cap);

public static class ContactEndpoints
{
    public static RouteGroupBuilder MapContactEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Contacts");
        group.MapGet("/", List).WithName("ListContacts").WithSummary("List the contacts the caller may see, filtered (q: part of a name, company or address, in any case), newest first, in pages.");
        group.MapGet("/export", ContactExportEndpoints.Export).WithName("ExportContacts").WithSummary("The contacts list as CSV for Excel, with the list's filters, every row.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        group.MapPost("/{id:int}/merge", ContactMergeEndpoints.Merge).WithName("MergeContacts").WithSummary("Merge a duplicate lead into this one; If-Match optional.");
        group.MapGet("/{id:int}", Get).WithName("GetContact").WithSummary("One contact; the ETag is what PATCH's If-Match expects.");
        group.MapPost("/", Create).WithName("CreateContact").WithSummary("Add a lead.");
        group.MapPatch("/{id:int}", Patch).WithName("UpdateContact").WithSummary("Change a contact with a JSON merge patch; requires If-Match.")
            .Accepts<ContactWrite>("application/merge-patch+json", "application/json");
        group.MapDelete("/{id:int}", Delete).WithName("DeleteContact").WithSummary("Forget a contact and all its touches (managers only).")
            .RequireAuthorization(AppRoles.ManagerPolicy);
        return group;
    }

    public static async Task<Results<Ok<Page<ContactDto>>, ValidationProblem>> List(
        Caller caller, [AsParameters] ContactServices services, CancellationToken ct,
        string? stage = null, string? owner = null, string? source = null, string? interest = null, string? q = null,
        DateTime? followUpDueBefore = null, int? limit = null, string? cursor = null)
    {
        var pageErrors = PageCursor.Validate(limit, cursor, out var take, out var after);
        var errors = new FieldErrors();
        foreach (var (field, messages) in pageErrors) errors[field] = messages;
        var contacts = ContactListFilter.Apply(services.Db.Contacts.AsNoTracking().VisibleTo(caller), caller, services.Db, errors,
            stage, owner, source, interest, q, followUpDueBefore);
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        var rows = await contacts.PageNewestFirst(c => c.Id, take, after)
            .ProjectTo<ContactDto>(services.Mapper.ConfigurationProvider).ToListAsync(ct);
        return TypedResults.Ok(PageCursor.ToPage(await WithFrequencyCapsAsync(rows, services, ct), take, c => new PageCursor(c.Id)));
    }

    public static async Task<Results<Ok<ContactDto>, NotFound<ProblemDetails>>> Get(
        int id, Caller caller, [AsParameters] ContactServices services, HttpContext http, CancellationToken ct)
    {
        var contact = await FindDtoAsync(id, caller, services, ct);
        if (contact is null) return NotFoundContact();
        http.Response.Headers.ETag = ETagOf(contact.Version);
        return TypedResults.Ok(contact);
    }

    public static async Task<Results<Created<ContactDto>, Created<RestrictedContactDto>, ValidationProblem, ProblemHttpResult, NotFound<ProblemDetails>>> Create(
        ContactWrite write, Caller caller, [AsParameters] ContactServices services, HttpContext http, CancellationToken ct)
    {
        var errors = await ContactWriting.ValidateAsync(write, caller, currentOwnerId: null, services.Db, ct);
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        var contact = services.Mapper.Map<Contact>(write);
        ContactEdits.SetAddresses(contact, write.AllEmails());
        // Without an owner the routing rules decide; when none matches, a rep's new lead is theirs and a manager's goes to the queue.
        contact.OwnerId = write.OwnerId;
        try
        {
            await services.Intake.AddAsync(contact, caller.RepId, caller.IsManager ? null : caller.RepId, ct);
        }
        catch (EmailAlreadyKnownException known)
        {
            return await ContactWriting.AddressTakenAsync(known, caller, services, ct);
        }
        if (write.NextFollowUpDue is { } due)
        {
            await services.FollowUps.SetAsync(contact, due.ToUniversalTime(), write.NextFollowUpNote, channel: null, caller.RepId, ct);
            await services.Db.SaveChangesAsync(ct);
        }

        return await ReadBackAsync(contact.Id, caller, services, http, ct) switch
        {
            { Full: { } dto } => TypedResults.Created($"/api/contacts/{contact.Id}", dto),
            // Routed to a colleague: saved, but not the caller's to open, so no link and no ETag.
            { Restricted: { } restricted } => TypedResults.Created((string?)null, restricted),
            _ => NotFoundContact(),
        };
    }

    public static async Task<Results<Ok<ContactDto>, Ok<RestrictedContactDto>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult>> Patch(
        int id, JsonObject patch, Caller caller, ContactEdits edits, [AsParameters] ContactServices services, HttpContext http, CancellationToken ct)
    {
        var contact = await services.Db.Contacts.VisibleTo(caller).Include(c => c.Emails).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return NotFoundContact();

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch))
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: "Send the contact's ETag in If-Match so a change made meanwhile by someone else is not overwritten.");
        if (!IfMatchAccepts(ifMatch, contact.Version))
            return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The contact changed meanwhile",
                detail: $"The contact's current ETag is {ETagOf(contact.Version)}. Reload it and apply your change again.");

        // Merge patch over the current values, then the same validation as a create.
        if (!MergePatch.TryApply(services.Mapper.Map<ContactWrite>(contact), patch, out var write, out var patchErrors))
            return TypedResults.ValidationProblem(patchErrors);

        // Stage and owner have their own audited endpoints now; a PATCH that would change them says where to go.
        var moved = new FieldErrors();
        if (write.Stage != contact.Stage)
            moved.Add("stage", $"Stage changes go through POST /api/contacts/{id}/stage with {{stage, reason}}, so every move is recorded with its reason.");
        if (write.OwnerId != contact.OwnerId)
            moved.Add("ownerId", $"Owner changes go through POST /api/contacts/{id}/assign, so every assignment is audited.");
        if (moved.Any) return TypedResults.ValidationProblem(moved);

        var errors = await ContactWriting.ValidateAsync(write, caller, contact.OwnerId, services.Db, ct);
        if (errors.Any) return TypedResults.ValidationProblem(errors);
        // Naming a priority sets it by hand; null hands it back to the score.
        var edit = new ContactEdit(write.AllEmails(), patch.TryGetPropertyValue("priority", out var priority) ? priority is not null : null,
            write.NextFollowUpDue, write.NextFollowUpNote);
        try
        {
            await edits.SaveAsync(contact, c =>
            {
                var consentBefore = ConsentFlags.Of(c);
                services.Mapper.Map(write, c);
                ConsentHistory.Record(services.Db, c, consentBefore, caller.RepId, services.Clock.GetUtcNow().UtcDateTime);
            }, edit, caller.RepId, ct);
        }
        catch (EmailAlreadyKnownException known)
        {
            return await ContactWriting.AddressTakenAsync(known, caller, services, ct);
        }

        return await ReadBackAsync(contact.Id, caller, services, http, ct) switch
        {
            { Full: { } dto } => TypedResults.Ok(dto),
            { Restricted: { } restricted } => TypedResults.Ok(restricted),
            _ => NotFoundContact(),
        };
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> Delete(int id, LeadForgetting forgetting, CancellationToken ct) =>
        await forgetting.ForgetAsync(id, ct) ? TypedResults.NoContent() : NotFoundContact();

    /// <summary>A contact as its writer sees it right after the write.</summary>
    /// <param name="Full">The contact, when the caller may still open it (its ETag is set on the answer).</param>
    /// <param name="Restricted">What the caller may see of it when the lead now belongs to a colleague.</param>
    internal readonly record struct ReadBack(ContactDto? Full, RestrictedContactDto? Restricted);

    /// <summary>
    /// Reads a contact back after a write: in full while the caller may see it, else restricted (a routing
    /// rule, or someone else meanwhile, gave it to a colleague); both null once it was forgotten.
    /// </summary>
    internal static async Task<ReadBack> ReadBackAsync(int id, Caller caller, ContactServices services, HttpContext http, CancellationToken ct)
    {
        if (await FindDtoAsync(id, caller, services, ct) is { } dto)
        {
            http.Response.Headers.ETag = ETagOf(dto.Version);
            return new ReadBack(dto, null);
        }
        return new ReadBack(null, await RestrictedContact.ReadAsync(services.Db, id, services.Clock.GetUtcNow().UtcDateTime, services.Cap.Value, ct));
    }

    internal static async Task<ContactDto?> FindDtoAsync(int id, Caller caller, ContactServices services, CancellationToken ct)
    {
        var dto = await services.Db.Contacts.AsNoTracking().VisibleTo(caller).Where(c => c.Id == id)
            .ProjectTo<ContactDto>(services.Mapper.ConfigurationProvider).FirstOrDefaultAsync(ct);
        return dto is null ? null : dto with { FrequencyCap = await CapOfAsync(id, services, ct) };
    }

    private static async Task<FrequencyCapDto> CapOfAsync(int contactId, ContactServices services, CancellationToken ct)
    {
        return FrequencyCapDto.Of(await services.Effects.CapStatusAsync(contactId, ct));
    }

    /// <summary>Each listed contact's standing against the cap, from one grouped count over the page's contacts.</summary>
    private static async Task<List<ContactDto>> WithFrequencyCapsAsync(List<ContactDto> rows, ContactServices services, CancellationToken ct)
    {
        if (rows.Count == 0) return rows;
        var window = FrequencyCapWindow.At(services.Clock.GetUtcNow().UtcDateTime, services.Cap.Value);
        var ids = rows.ConvertAll(r => r.Id);
        var outbound = await services.Db.Interactions
            .Where(i => ids.Contains(i.ContactId) && i.Direction == Direction.Outbound && i.OccurredAt > window.Start && i.OccurredAt <= window.End)
            .GroupBy(i => i.ContactId)
            .Select(g => new { ContactId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ContactId, g => g.Count, ct);
        return rows.ConvertAll(r => r with { FrequencyCap = FrequencyCapDto.Of(window.StatusFor(outbound.GetValueOrDefault(r.Id))) });
    }

    /// <summary>404, never 403, for a contact the caller may not see: its existence is not theirs to know.</summary>
    internal static NotFound<ProblemDetails> NotFoundContact() =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Contact not found", Detail = "No contact with that id or address is visible to you." });

    internal static string ETagOf(int version) => $"\"{version}\"";

    internal static bool IfMatchAccepts(string ifMatch, int version) =>
        ifMatch.Trim() == "*"
        || EntityTagHeaderValue.TryParseList([ifMatch], out var tags) && tags.Any(t => t.Tag.Equals(ETagOf(version), StringComparison.Ordinal));
}
