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
        var rows = await services.Db.Interactions.AsNoTracking().Where(i => i.ConsentViolation != null)
            .PageNewestFirst(i => i.OccurredAt, i => i.Id, take, after).ProjectTo<InteractionDto>(services.Mapper.ConfigurationProvider).ToListAsync(ct);
        return TypedResults.Ok(PageCursor.ToPage(rows, take, i => new PageCursor(i.Id, i.OccurredAt)));
    }
}
