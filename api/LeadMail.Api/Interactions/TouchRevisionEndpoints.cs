using AutoMapper;
using AutoMapper.QueryableExtensions;
using LeadMail.Api.Auth;
using LeadMail.Api.Web;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Interactions;

public sealed record TouchRevisionServices(LeadMailDb Db, IMapper Mapper);

/// <summary>What was corrected or removed of the touches logged by hand: the trail behind the activity reports.</summary>
public static class TouchRevisionEndpoints
{
    public static RouteGroupBuilder MapTouchRevisionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/touch-revisions", List).WithTags("Interactions").WithName("TouchRevisions")
            .WithSummary("Corrections and removals of touches, newest first, for every lead or one (managers only).")
            .RequireAuthorization(AppRoles.ManagerPolicy);
        return api;
    }

    public static async Task<Results<Ok<Page<TouchRevisionDto>>, ValidationProblem>> List(
        [AsParameters] TouchRevisionServices services, CancellationToken ct, int? contactId = null, int? limit = null, string? cursor = null)
    {
        var errors = PageCursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var revisions = services.Db.TouchRevisions.AsNoTracking();
        if (contactId is { } id) revisions = revisions.Where(r => r.ContactId == id);
        var rows = await revisions.PageNewestFirst(r => r.At, r => r.Id, take, after)
            .ProjectTo<TouchRevisionDto>(services.Mapper.ConfigurationProvider).ToListAsync(ct);
        return TypedResults.Ok(PageCursor.ToPage(rows, take, r => new PageCursor(r.Id, r.At)));
    }
}
