using System.Text.Json.Nodes;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using LeadMail.Api.Auth;
using LeadMail.Api.Interactions;
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
        group.MapGet("/lookup", Lookup).WithName("LookupContact")
            .WithSummary("The task pane's one round trip: a contact by email with its latest touches; a colleague's lead as its restricted view.");
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
        errors.Utc("followUpDueBefore", followUpDueBefore);
        errors.MaxLength("q", q, 200);

        var contacts = services.Db.Contacts.AsNoTracking().VisibleTo(caller);
        if (stage is not null)
        {
            if (ApiJson.TryParseEnum<Stage>(stage, out var s)) contacts = contacts.Where(c => c.Stage == s);
            else errors.Add("stage", $"Unknown stage '{stage}'. Use one of: {string.Join(", ", Enum.GetValues<Stage>().Select(ApiJson.Name))}.");
        }
        if (owner is not null)
        {
            if (owner == "me") contacts = contacts.Where(c => c.OwnerId == caller.RepId);
            else if (owner == "unassigned") contacts = contacts.Where(c => c.OwnerId == null);
            else if (int.TryParse(owner, out var ownerId)) contacts = contacts.Where(c => c.OwnerId == ownerId);
            else errors.Add("owner", "owner is 'me', 'unassigned' or a rep id.");
        }
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        if (source is not null) contacts = contacts.Where(c => c.Source == source);
        if (interest is not null) contacts = contacts.Where(c => c.Interest == interest);
        if (followUpDueBefore is { } due) contacts = contacts.Where(c => c.NextFollowUpDue != null && c.NextFollowUpDue < due);
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Addresses are stored lower-cased, so the lower-cased term finds them with LIKE on either provider.
            var emailPattern = NameSearch.LikeContaining(EmailAddress.Normalize(q));
            if (services.Db.Database.IsSqlite() && NameSearch.NeedsGlob(q))
            {
                var glob = NameSearch.GlobContaining(q.Trim());
                contacts = contacts.Where(c =>
                    EF.Functions.Glob(c.FirstName!, glob) || EF.Functions.Glob(c.LastName!, glob) || EF.Functions.Glob(c.Company!, glob)
                    || c.Emails.Any(e => EF.Functions.Like(e.Address, emailPattern, "\\")));
            }
            else
            {
                var pattern = NameSearch.LikeContaining(q.Trim());
                contacts = contacts.Where(c =>
                    EF.Functions.Like(c.FirstName!, pattern, "\\") || EF.Functions.Like(c.LastName!, pattern, "\\")
                    || EF.Functions.Like(c.Company!, pattern, "\\")
                    || c.Emails.Any(e => EF.Functions.Like(e.Address, emailPattern, "\\")));
            }
        }
        if (after is { } a) contacts = contacts.Where(c => c.Id < a.Id);

        var rows = await contacts.OrderByDescending(c => c.Id).Take(take + 1)
            .ProjectTo<ContactDto>(services.Mapper.ConfigurationProvider).ToListAsync(ct);
        return TypedResults.Ok(PageCursor.ToPage(await WithFrequencyCapsAsync(rows, services, ct), take, c => new PageCursor(c.Id)));
    }

    public static async Task<Results<BufferedJson<ContactLookupDto>, BufferedJson<RestrictedLookupDto>, NotFound<ProblemDetails>, ValidationProblem>> Lookup(
        Caller caller, IContactLookup<ContactDto, InteractionDto> reader, TimeProvider clock, IOptions<FrequencyCapOptions> capOptions, HttpContext http,
        CancellationToken ct, string? email = null, string? internetMessageId = null)
    {
        if (!EmailAddress.IsValid(email)) return TypedResults.ValidationProblem(new FieldErrors { { "email", "email must be a valid email address." } });
        var now = clock.GetUtcNow().UtcDateTime;

        var result = await reader.ReadAsync(EmailAddress.Normalize(email!), caller.CanSee, internetMessageId, now, capOptions.Value, ct);
        if (result.RestrictedContactId is { } restrictedId)
        {
            // A context only on this branch: the pane's usual lookup never rents one.
            var db = http.RequestServices.GetRequiredService<LeadMailDb>();
            var restricted = await RestrictedContact.ReadAsync(db, restrictedId, now, capOptions.Value, ct);
            return restricted is null ? NotFoundContact() : new BufferedJson<RestrictedLookupDto>(RestrictedLookupDto.Of(restricted));
        }
        if (result.Rows is not { } found) return NotFoundContact();

        var cap = ToDto(found.Cap);
        var contact = found.Contact with { FrequencyCap = cap };
        return new BufferedJson<ContactLookupDto>(new ContactLookupDto
        {
            Contact = contact,
            Interactions = found.Interactions.ConvertAll(touch => touch.ForCaller(caller)),
            NextFollowUpDue = contact.NextFollowUpDue,
            NextFollowUpNote = contact.NextFollowUpNote,
            FollowUpOverdue = contact.NextFollowUpDue < now,
            DoNotCall = contact.DoNotCall,
            DoNotEmail = contact.DoNotEmail,
            Unsubscribed = contact.Unsubscribed,
            TouchesLast7Days = found.TouchesLast7Days,
            OutboundTouchesLast7Days = found.OutboundTouchesLast7Days,
            FrequencyCap = cap,
            MessageLogged = found.MessageLogged,
        });
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
        ContactWriting.ApplyEmails(contact, write);
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
            // Routed to a colleague: saved, but no longer the caller's to open, so no link and no ETag.
            { Restricted: { } restricted } => TypedResults.Created((string?)null, restricted),
            _ => NotFoundContact(),
        };
    }

    public static async Task<Results<Ok<ContactDto>, Ok<RestrictedContactDto>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult>> Patch(
        int id, JsonObject patch, Caller caller, [AsParameters] ContactServices services, HttpContext http, CancellationToken ct)
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
        var taken = await AddressTakenAsync(services.Db, contact.Id, write, ct);
        if (taken is not null) return await ContactWriting.AddressTakenAsync(new EmailAlreadyKnownException(taken.Address, taken.ContactId), caller, services, ct);

        var createdAt = contact.CreatedAt;
        var prioritySetByHand = contact.PrioritySetByHand;
        var (dueBefore, noteBefore) = (contact.NextFollowUpDue, contact.NextFollowUpNote);
        var consentBefore = ConsentFlags.Of(contact);
        services.Mapper.Map(write, contact);
        ConsentHistory.Record(services.Db, contact, consentBefore, caller.RepId, services.Clock.GetUtcNow().UtcDateTime);
        ContactWriting.ApplyEmails(contact, write);
        contact.CreatedAt = createdAt;
        // Naming a priority sets it by hand; null hands it back to the score.
        contact.PrioritySetByHand = patch.TryGetPropertyValue("priority", out var priority) ? priority is not null : prioritySetByHand;
        if (!contact.PrioritySetByHand) contact.Priority = services.Score.PriorityFor(contact.Score);
        var due = write.NextFollowUpDue?.ToUniversalTime();
        if (due != dueBefore || write.NextFollowUpNote != noteBefore)
        {
            if (due is { } at) await services.FollowUps.SetAsync(contact, at, write.NextFollowUpNote, channel: null, caller.RepId, ct);
            else await services.FollowUps.CancelAsync(contact, caller.RepId, ct);
        }
        contact.UpdatedAt = services.Clock.GetUtcNow().UtcDateTime;
        contact.Version++;
        try
        {
            await services.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException failed) when (failed is not DbUpdateConcurrencyException)
        {
            // Another request gave one of these addresses to another contact between our check and our save.
            if (await AddressTakenAsync(services.Db, contact.Id, write, ct) is not { } raced) throw;
            return await ContactWriting.AddressTakenAsync(new EmailAlreadyKnownException(raced.Address, raced.ContactId), caller, services, ct);
        }

        return await ReadBackAsync(contact.Id, caller, services, http, ct) switch
        {
            { Full: { } dto } => TypedResults.Ok(dto),
            { Restricted: { } restricted } => TypedResults.Ok(restricted),
            _ => NotFoundContact(),
        };
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> Delete(int id, [AsParameters] ContactServices services, CancellationToken ct)
    {
        // The right to be forgotten: the contact, its addresses and every touch go, in one statement each, in one transaction.
        var db = services.Db;
        var deleted = await db.InTransactionAsync(async token =>
        {
            await new TouchTallies(db).ForgetContactAsync(id, token);
            await db.Interactions.Where(i => i.ContactId == id).ExecuteDeleteAsync(token);
            await db.TouchRevisions.Where(r => r.ContactId == id).ExecuteDeleteAsync(token);
            await db.ContactEmails.Where(e => e.ContactId == id).ExecuteDeleteAsync(token);
            await db.FollowUps.Where(f => f.ContactId == id).ExecuteDeleteAsync(token);
            await db.StageChanges.Where(c => c.ContactId == id).ExecuteDeleteAsync(token);
            await db.OwnerAssignments.Where(a => a.ContactId == id).ExecuteDeleteAsync(token);
            await db.HandOverRequests.Where(h => h.ContactId == id).ExecuteDeleteAsync(token);
            await db.ConsentChanges.Where(c => c.ContactId == id).ExecuteDeleteAsync(token);
            return await db.Contacts.Where(c => c.Id == id).ExecuteDeleteAsync(token);
        }, ct);
        return deleted == 0 ? NotFoundContact() : TypedResults.NoContent();
    }

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
        return ToDto(await services.Effects.CapStatusAsync(contactId, ct));
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
        return rows.ConvertAll(r => r with { FrequencyCap = ToDto(window.StatusFor(outbound.GetValueOrDefault(r.Id))) });
    }

    internal static FrequencyCapDto ToDto(FrequencyCapStatus cap) => new(cap.OutboundTouchesInWindow, cap.Cap, cap.WindowDays, cap.WindowStart, cap.Reached);

    /// <summary>404, never 403, for a contact the caller may not see: its existence is not theirs to know.</summary>
    internal static NotFound<ProblemDetails> NotFoundContact() =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Contact not found", Detail = "No contact with that id or address is visible to you." });

    internal static string ETagOf(int version) => $"\"{version}\"";

    private static bool IfMatchAccepts(string ifMatch, int version) =>
        ifMatch.Trim() == "*"
        || EntityTagHeaderValue.TryParseList([ifMatch], out var tags) && tags.Any(t => t.Tag.Equals(ETagOf(version), StringComparison.Ordinal));

    private static async Task<ContactEmail?> AddressTakenAsync(LeadMailDb db, int contactId, ContactWrite write, CancellationToken ct)
    {
        var addresses = write.AllEmails().Select(EmailAddress.Normalize).ToList();
        return await db.ContactEmails.AsNoTracking().FirstOrDefaultAsync(e => addresses.Contains(e.Address) && e.ContactId != contactId, ct);
    }
}
