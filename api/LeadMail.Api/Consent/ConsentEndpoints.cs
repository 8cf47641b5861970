using AutoMapper;
using AutoMapper.QueryableExtensions;
using LeadMail.Api.Auth;
using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;
using LeadMail.Api.Web;
using LeadMail.Core.Consent;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Consent;

public sealed record ConsentServices(LeadMailDb Db, IMapper Mapper, TimeProvider Clock);

public static class ConsentEndpoints
{
    public static RouteGroupBuilder MapConsentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/consent-violations", List).WithTags("Consent").WithName("ConsentViolations")
            .WithSummary("Touches that went against a contact's consent flags (synced, or logged with an override), newest first (managers only).")
            .RequireAuthorization(AppRoles.ManagerPolicy);
        api.MapGet("/consent/changes", Changes).WithTags("Consent").WithName("ConsentChanges")
            .WithSummary("Every consent flag set or cleared, by whom and when, newest first (managers only).")
            .RequireAuthorization(AppRoles.ManagerPolicy);
        var contact = api.MapGroup("/contacts/{id:int}/consent").WithTags("Consent");
        contact.MapPut("/", Set).WithName("SetConsent")
            .WithSummary("Set or clear the contact's do-not-call, do-not-email and unsubscribed flags (those given); each change is recorded.");
        contact.MapGet("/changes", ContactChanges).WithName("ContactConsentChanges").WithSummary("The contact's consent history, newest first.");
        return api;
    }

    public static async Task<Results<Ok<ConsentDto>, NotFound<ProblemDetails>, ValidationProblem>> Set(
        int id, ConsentWrite write, Caller caller, [AsParameters] ConsentServices services, HttpContext http, CancellationToken ct)
    {
        if (write.DoNotCall is null && write.DoNotEmail is null && write.Unsubscribed is null)
            return TypedResults.ValidationProblem(new FieldErrors { { "doNotCall", "Name at least one of doNotCall, doNotEmail, unsubscribed." } });
        var db = services.Db;
        var contact = await db.Contacts.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return ContactEndpoints.NotFoundContact();

        var before = ConsentFlags.Of(contact);
        contact.DoNotCall = write.DoNotCall ?? contact.DoNotCall;
        contact.DoNotEmail = write.DoNotEmail ?? contact.DoNotEmail;
        contact.Unsubscribed = write.Unsubscribed ?? contact.Unsubscribed;
        var now = services.Clock.GetUtcNow().UtcDateTime;
        // Setting a flag to what it already is changes nothing and records nothing.
        if (ConsentHistory.Record(db, contact, before, caller.RepId, now) > 0)
        {
            contact.UpdatedAt = now;
            contact.Version++;
            await db.SaveChangesAsync(ct);
        }
        http.Response.Headers.ETag = ContactEndpoints.ETagOf(contact.Version);
        return TypedResults.Ok(new ConsentDto(contact.Id, contact.DoNotCall, contact.DoNotEmail, contact.Unsubscribed, contact.Version));
    }

    public static async Task<Results<Ok<Page<ConsentChangeDto>>, ValidationProblem>> Changes(
        [AsParameters] ConsentServices services, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = PageCursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var rows = await Shape(services.Db, services.Db.ConsentChanges.AsNoTracking().PageNewestFirst(c => c.Id, take, after)).ToListAsync(ct);
        return TypedResults.Ok(PageCursor.ToPage(rows, take, c => new PageCursor(c.Id)));
    }

    public static async Task<Results<Ok<List<ConsentChangeDto>>, NotFound<ProblemDetails>>> ContactChanges(
        int id, Caller caller, [AsParameters] ConsentServices services, CancellationToken ct)
    {
        if (!await services.Db.Contacts.VisibleTo(caller).AnyAsync(c => c.Id == id, ct)) return ContactEndpoints.NotFoundContact();
        return TypedResults.Ok(await Shape(services.Db, services.Db.ConsentChanges.AsNoTracking().Where(c => c.ContactId == id)
            .OrderByDescending(c => c.Id)).ToListAsync(ct));
    }

    private static IQueryable<ConsentChangeDto> Shape(LeadMailDb db, IQueryable<ConsentChange> changes) =>
        changes.Select(c => new ConsentChangeDto(c.Id, c.ContactId, c.Flag, c.Value, c.ByRepId,
            db.Reps.Where(r => r.Id == c.ByRepId).Select(r => r.DisplayName).FirstOrDefault(), c.At));

    public static async Task<Results<Ok<Page<InteractionDto>>, ValidationProblem>> List(
        [AsParameters] ConsentServices services, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = PageCursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var rows = await services.Db.Interactions.AsNoTracking().Where(i => i.ConsentViolation != null)
            .PageNewestFirst(i => i.OccurredAt, i => i.Id, take, after).ProjectTo<InteractionDto>(services.Mapper.ConfigurationProvider).ToListAsync(ct);
        return TypedResults.Ok(PageCursor.ToPage(rows, take, i => new PageCursor(i.Id, i.OccurredAt)));
    }
}
