using AutoMapper;
using AutoMapper.QueryableExtensions;
using LeadMail.Api.Auth;
using LeadMail.Api.Interactions;
using LeadMail.Api.Web;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Consent;

public sealed record ConsentServices(LeadMailDb Db, IMapper Mapper);

public static class ConsentEndpoints
{
    public static RouteGroupBuilder MapConsentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/consent-violations", List).WithTags("Consent").WithName("ConsentViolations")
            .WithSummary("Touches that went against a contact's consent flags (synced, or logged with an override), newest first (managers only).")
            .RequireAuthorization(AppRoles.ManagerPolicy);
        return api;
    }

    public static async Task<Results<Ok<Page<InteractionDto>>, ValidationProblem>> List(
        [AsParameters] ConsentServices services, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = PageCursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var touches = services.Db.Interactions.AsNoTracking().Where(i => i.ConsentViolation != null);
        if (after is { At: { } at } a) touches = touches.Where(i => i.OccurredAt < at || i.OccurredAt == at && i.Id < a.Id);
        var rows = await touches.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(take + 1)
            .ProjectTo<InteractionDto>(services.Mapper.ConfigurationProvider).ToListAsync(ct);
        return TypedResults.Ok(PageCursor.ToPage(rows, take, i => new PageCursor(i.Id, i.OccurredAt)));
    }
}
