using AutoMapper;
using AutoMapper.QueryableExtensions;
using LeadMail.Api.Auth;
using LeadMail.Api.Contacts;
using LeadMail.Api.Web;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LeadMail.Api.FollowUps;

/// <summary>The body of PUT /api/contacts/{id}/follow-up.</summary>
public sealed record FollowUpWrite(DateTime? DueAt, string? Note, Channel? Channel);

/// <summary>A follow-up, open or closed, as the contact's history shows it.</summary>
public sealed record FollowUpDto
{
    public long Id { get; init; }
    public int ContactId { get; init; }
    public DateTime DueAt { get; init; }
    public string? Note { get; init; }
    public Channel? Channel { get; init; }
    public FollowUpKind Kind { get; init; }
    public int? Attempt { get; init; }
    public int? CreatedByRepId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public int? CompletedByRepId { get; init; }
    public long? CompletedByInteractionId { get; init; }
    public DateTime? ClosedAt { get; init; }
    public int? ClosedByRepId { get; init; }
    public string? ClosedReason { get; init; }
    public bool Open { get; init; }
}

/// <summary>A contact's follow-up after one was kept: the one kept, and what is open now (nothing: a person promises the next).</summary>
public sealed record FollowUpStateDto
{
    public int ContactId { get; init; }
    public required FollowUpDto Completed { get; init; }
    public DateTime? NextFollowUpDue { get; init; }
    public string? NextFollowUpNote { get; init; }

    /// <summary>The contact's version, as its ETag carries it.</summary>
    public int Version { get; init; }
}

/// <summary>One line of the call list (or the ripe list): who, when, and how hot.</summary>
public sealed record CallListItem
{
    public int ContactId { get; init; }
    public string DisplayName { get; init; } = "";
    public string? Email { get; init; }
    public string? Company { get; init; }
    public string? Phone { get; init; }
    public Stage Stage { get; init; }
    public Priority Priority { get; init; }
    public double Score { get; init; }
    public int? OwnerId { get; init; }
    public DateTime? NextFollowUpDue { get; init; }
    public string? NextFollowUpNote { get; init; }
    public bool Overdue { get; init; }
    public DateTime? LastTouchAt { get; init; }
    public DateTime CreatedAt { get; init; }
}

public sealed record FollowUpServices(LeadMailDb Db, IMapper Mapper, TimeProvider Clock, FollowUpSchedule Schedule, IOptions<FollowUpOptions> Options);

public static class FollowUpEndpoints
{
    public static RouteGroupBuilder MapFollowUpEndpoints(this RouteGroupBuilder api)
    {
        var contact = api.MapGroup("/contacts/{id:int}").WithTags("FollowUps");
        contact.MapPut("/follow-up", Set).WithName("SetFollowUp").WithSummary("Promise the next contact: replaces the open follow-up, if any.");
        contact.MapPost("/follow-up/complete", Complete).WithName("CompleteFollowUp")
            .WithSummary("Record the open follow-up as kept (the rep reached out in a way nothing logged); the follow-ups report counts it done.");
        contact.MapDelete("/follow-up", Cancel).WithName("CancelFollowUp").WithSummary("Withdraw the open follow-up.");
        contact.MapGet("/follow-ups", History).WithName("FollowUpHistory").WithSummary("Every follow-up of the contact, newest first: who promised, when it was kept.");
        api.MapGet("/follow-ups", CallList).WithTags("FollowUps").WithName("CallList")
            .WithSummary("The call list: open follow-ups due (overdue, today or this week), by due time then score.");
        api.MapGet("/contacts/ripe", Ripe).WithTags("FollowUps").WithName("RipeLeads")
            .WithSummary("Open leads nobody has touched for N days (default from FollowUps:RipeAfterDays), oldest first.");
        return api;
    }

    public static async Task<Results<Ok<FollowUpDto>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult>> Set(
        int id, FollowUpWrite write, Caller caller, [AsParameters] FollowUpServices services, HttpContext http, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (write.DueAt is null) errors.Add("dueAt", "dueAt is required, e.g. 2026-12-01T09:00:00Z.");
        errors.Utc("dueAt", write.DueAt);
        if (write.DueAt?.Year is < 1900 or > 9000) errors.Add("dueAt", "dueAt is out of range.");
        errors.MaxLength("note", write.Note, FollowUpSchedule.NoteMaxLength);
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        var contact = await services.Db.Contacts.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return ContactEndpoints.NotFoundContact();
        if (Stale(http, contact) is { } stale) return stale;
        var followUp = await services.Schedule.SetAsync(contact, write.DueAt!.Value.ToUniversalTime(), write.Note, write.Channel, caller.RepId, ct);
        Touched(contact, services.Clock);
        await services.Db.SaveChangesAsync(ct);
        http.Response.Headers.ETag = ContactEndpoints.ETagOf(contact.Version);
        return TypedResults.Ok(services.Mapper.Map<FollowUpDto>(followUp));
    }

    public static async Task<Results<Ok<FollowUpStateDto>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> Complete(
        int id, Caller caller, [AsParameters] FollowUpServices services, HttpContext http, CancellationToken ct)
    {
        var contact = await services.Db.Contacts.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return ContactEndpoints.NotFoundContact();
        if (Stale(http, contact) is { } stale) return stale;
        var kept = await services.Schedule.CompleteAsync(contact, caller.RepId, ct);
        if (kept is null)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "No open follow-up",
                Detail = $"This contact has no open follow-up to mark done. Set one with PUT /api/contacts/{contact.Id}/follow-up.",
            });
        }
        Touched(contact, services.Clock);
        await services.Db.SaveChangesAsync(ct);
        http.Response.Headers.ETag = ContactEndpoints.ETagOf(contact.Version);
        return TypedResults.Ok(new FollowUpStateDto
        {
            ContactId = contact.Id,
            Completed = services.Mapper.Map<FollowUpDto>(kept),
            NextFollowUpDue = contact.NextFollowUpDue,
            NextFollowUpNote = contact.NextFollowUpNote,
            Version = contact.Version,
        });
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> Cancel(
        int id, Caller caller, [AsParameters] FollowUpServices services, HttpContext http, CancellationToken ct)
    {
        var contact = await services.Db.Contacts.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return ContactEndpoints.NotFoundContact();
        var hadOne = await services.Schedule.CancelAsync(contact, caller.RepId, ct);
        if (hadOne)
        {
            Touched(contact, services.Clock);
            await services.Db.SaveChangesAsync(ct);
        }
        http.Response.Headers.ETag = ContactEndpoints.ETagOf(contact.Version);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<FollowUpDto>>, NotFound<ProblemDetails>>> History(
        int id, Caller caller, [AsParameters] FollowUpServices services, CancellationToken ct)
    {
        if (!await services.Db.Contacts.VisibleTo(caller).AnyAsync(c => c.Id == id, ct)) return ContactEndpoints.NotFoundContact();
        var rows = await services.Db.FollowUps.AsNoTracking().Where(f => f.ContactId == id)
            .OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id)
            .ProjectTo<FollowUpDto>(services.Mapper.ConfigurationProvider).ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<List<CallListItem>>, ValidationProblem>> CallList(
        Caller caller, [AsParameters] FollowUpServices services, CancellationToken ct, string? due = null, string? owner = null, int? limit = null)
    {
        var errors = new FieldErrors();
        var now = services.Clock.GetUtcNow().UtcDateTime;
        // Days are UTC days: the API knows no rep's time zone.
        DateTime? before = (due ?? "today") switch
        {
            "overdue" => now,
            "today" => now.Date.AddDays(1),
            "week" => now.Date.AddDays(7),
            _ => null,
        };
        if (before is null) errors.Add("due", "due is overdue, today or week.");
        var take = limit ?? 100;
        if (take is < 1 or > PageCursor.MaxLimit) errors.Add("limit", $"limit must be between 1 and {PageCursor.MaxLimit}.");
        var contacts = OwnedBy(services.Db.Contacts.AsNoTracking().VisibleTo(caller), owner ?? (caller.IsManager ? "all" : "me"), caller, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        var rows = await contacts!
            .Where(c => c.NextFollowUpDue != null && c.NextFollowUpDue < before)
            .OrderBy(c => c.NextFollowUpDue).ThenByDescending(c => c.ScoreBase).ThenBy(c => c.Id)
            .Take(take)
            .ProjectTo<CallListItem>(services.Mapper.ConfigurationProvider, new { now })
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<List<CallListItem>>, ValidationProblem>> Ripe(
        Caller caller, [AsParameters] FollowUpServices services, CancellationToken ct, int? days = null, string? owner = null, int? limit = null)
    {
        var errors = new FieldErrors();
        var after = days ?? services.Options.Value.RipeAfterDays;
        if (after is < 1 or > 3650) errors.Add("days", "days must be between 1 and 3650.");
        var take = limit ?? 100;
        if (take is < 1 or > PageCursor.MaxLimit) errors.Add("limit", $"limit must be between 1 and {PageCursor.MaxLimit}.");
        var contacts = OwnedBy(services.Db.Contacts.AsNoTracking().VisibleTo(caller), owner ?? "all", caller, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        var now = services.Clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-after);
        // Never touched counts from when the lead came in.
        var rows = await contacts!
            .UntouchedSince(cutoff)
            .OrderBy(c => c.QuietSince).ThenBy(c => c.Id)
            .Take(take)
            .ProjectTo<CallListItem>(services.Mapper.ConfigurationProvider, new { now })
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    private static IQueryable<Contact>? OwnedBy(IQueryable<Contact> contacts, string owner, Caller caller, FieldErrors errors)
    {
        if (owner == "all") return contacts;
        if (owner == "me") return contacts.Where(c => c.OwnerId == caller.RepId);
        if (owner == "unassigned") return contacts.Where(c => c.OwnerId == null);
        if (int.TryParse(owner, out var ownerId)) return contacts.Where(c => c.OwnerId == ownerId);
        errors.Add("owner", "owner is 'me', 'unassigned', 'all' or a rep id.");
        return null;
    }

    /// <summary>
    /// If-Match is optional here (the follow-up has its own history), but a client that sends it, as the pane
    /// does, learns that someone changed the contact since it read it instead of overwriting their change.
    /// </summary>
    private static ProblemHttpResult? Stale(HttpContext http, Contact contact)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch) || ContactEndpoints.IfMatchAccepts(ifMatch, contact.Version)) return null;
        var current = ContactEndpoints.ETagOf(contact.Version);
        return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The contact changed meanwhile",
            detail: $"The contact's current ETag is {current}. Reload it and apply your change again.");
    }

    /// <summary>The follow-up is a field people edit: the contact's ETag moves with it.</summary>
    private static void Touched(Contact contact, TimeProvider clock)
    {
        contact.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        contact.Version++;
    }
}
