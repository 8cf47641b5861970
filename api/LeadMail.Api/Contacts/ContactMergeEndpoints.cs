using LeadMail.Api.Auth;
using LeadMail.Api.Web;
using LeadMail.Core.Contacts.Merging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace LeadMail.Api.Contacts;

/// <summary>Which lead to merge into the one named in the route.</summary>
public sealed record MergeRequest(int? DuplicateId);

/// <summary>One merge as managers read it: who merged which lead into which, when, and what moved.</summary>
public sealed record ContactMergeDto(
    long Id, int SurvivorId, int DuplicateId, int? ByRepId, DateTime At, string? DuplicateName, List<string> DuplicateEmails,
    List<string> FilledFields, int AddressesMoved, int TouchesMoved, int TouchesJoined, int FollowUpsMoved, int StageChangesMoved,
    int AssignmentsMoved, int RevisionsMoved);

/// <summary>Merging a duplicate into the lead that stays (the rule is <see cref="LeadMerge"/>), and the record of merges.</summary>
public static class ContactMergeEndpoints
{
    public static RouteGroupBuilder MapContactMergeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/contact-merges", List).WithTags("Contacts").WithName("ContactMerges")
            .WithSummary("Merges of duplicate leads, newest first, for every lead or the one that stayed (managers only).")
            .RequireAuthorization(AppRoles.ManagerPolicy);
        return api;
    }

    public static async Task<Results<Ok<ContactDto>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult>> Merge(
        int id, MergeRequest request, Caller caller, LeadMerge merge, [AsParameters] ContactServices services, HttpContext http, CancellationToken ct)
    {
        if (request.DuplicateId is not { } duplicateId)
            return TypedResults.ValidationProblem(new FieldErrors { { "duplicateId", "duplicateId is the id of the lead to merge into this one." } });
        if (duplicateId == id)
            return TypedResults.ValidationProblem(new FieldErrors { { "duplicateId", "A lead cannot be merged into itself." } });

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        Func<int, bool>? acceptsVersion = string.IsNullOrEmpty(ifMatch) ? null : version => ContactEndpoints.IfMatchAccepts(ifMatch, version);
        MergeResult result;
        try
        {
            result = await merge.MergeAsync(id, duplicateId, caller.CanSee, acceptsVersion, caller.RepId, ct);
        }
        catch (Exception changed) when (changed is DbUpdateConcurrencyException or LeadChangedDuringMergeException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A lead changed meanwhile",
                detail: "One of the two leads was changed while they were being merged; nothing was merged. Reload them and merge again.");
        }

        switch (result.Outcome)
        {
            case MergeOutcome.NotFound:
                return ContactEndpoints.NotFoundContact();
            case MergeOutcome.SameLead:
                return TypedResults.ValidationProblem(new FieldErrors { { "duplicateId", "A lead cannot be merged into itself." } });
            case MergeOutcome.VersionMismatch:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The contact changed meanwhile",
                    detail: $"The contact's current ETag is {ContactEndpoints.ETagOf(result.CurrentVersion ?? 0)}. Reload it and merge again.");
        }

        var survivor = await ContactEndpoints.FindDtoAsync(id, caller, services, ct);
        if (survivor is null) return ContactEndpoints.NotFoundContact();
        http.Response.Headers.ETag = ContactEndpoints.ETagOf(survivor.Version);
        return TypedResults.Ok(survivor);
    }

    public static async Task<Results<Ok<Page<ContactMergeDto>>, ValidationProblem>> List(
        [AsParameters] ContactServices services, CancellationToken ct, int? contactId = null, int? limit = null, string? cursor = null)
    {
        var errors = PageCursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var merges = services.Db.ContactMerges.AsNoTracking();
        if (contactId is { } survivorId) merges = merges.Where(m => m.SurvivorId == survivorId);
        var rows = await merges.PageNewestFirst(m => m.Id, take, after).ToListAsync(ct);
        return TypedResults.Ok(PageCursor.ToPage(rows.ConvertAll(ToDto), take, m => new PageCursor(m.Id)));
    }

    private static ContactMergeDto ToDto(ContactMerge m) => new(
        m.Id, m.SurvivorId, m.DuplicateId, m.ByRepId, m.At, m.DuplicateName, Split(m.DuplicateEmails), Split(m.FilledFields),
        m.AddressesMoved, m.TouchesMoved, m.TouchesJoined, m.FollowUpsMoved, m.StageChangesMoved, m.AssignmentsMoved, m.RevisionsMoved);

    private static List<string> Split(string? joined) => string.IsNullOrEmpty(joined) ? [] : [.. joined.Split(',')];
}
