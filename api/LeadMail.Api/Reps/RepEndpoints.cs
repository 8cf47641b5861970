using System.Text.Json.Nodes;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using LeadMail.Api.Auth;
using LeadMail.Api.Web;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Reps;

public sealed record RepServices(LeadMailDb Db, IMapper Mapper, TimeProvider Clock, CallerCache Callers);

public static class RepEndpoints
{
    public static RouteGroupBuilder MapRepEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Reps");
        group.MapGet("/", List).WithName("ListReps").WithSummary("Everyone who owns leads (to pick an owner, to see whose mailbox syncs).");
        group.MapGet("/{id:int}", Get).WithName("GetRep").WithSummary("One rep.");
        group.MapPost("/", Create).WithName("CreateRep").WithSummary("Add a rep before their first sign-in (managers only).")
            .RequireAuthorization(AppRoles.ManagerPolicy);
        group.MapPatch("/{id:int}", Patch).WithName("UpdateRep").WithSummary("Change a rep: role, active, mailbox sync (managers only).")
            .RequireAuthorization(AppRoles.ManagerPolicy);
        return group;
    }

    public static RouteGroupBuilder MapMeEndpoint(this RouteGroupBuilder group)
    {
        group.MapGet("/", Me).WithTags("Reps").WithName("Me").WithSummary("The caller as a rep (created on first call).");
        return group;
    }

    public static async Task<Ok<RepDto>> Me(Caller caller, [AsParameters] RepServices services, CancellationToken ct) =>
        TypedResults.Ok(await services.Db.Reps.AsNoTracking().Where(r => r.Id == caller.RepId)
            .ProjectTo<RepDto>(services.Mapper.ConfigurationProvider).FirstAsync(ct));

    public static async Task<Ok<List<RepDto>>> List([AsParameters] RepServices services, CancellationToken ct) =>
        TypedResults.Ok(await services.Db.Reps.AsNoTracking().OrderBy(r => r.DisplayName)
            .ProjectTo<RepDto>(services.Mapper.ConfigurationProvider).ToListAsync(ct));

    public static async Task<Results<Ok<RepDto>, NotFound<ProblemDetails>>> Get(int id, [AsParameters] RepServices services, CancellationToken ct) =>
        await services.Db.Reps.AsNoTracking().Where(r => r.Id == id).ProjectTo<RepDto>(services.Mapper.ConfigurationProvider).FirstOrDefaultAsync(ct)
            is { } rep ? TypedResults.Ok(rep) : NotFoundRep();

    public static async Task<Results<Created<RepDto>, ValidationProblem, Conflict<ProblemDetails>>> Create(
        RepWrite write, [AsParameters] RepServices services, CancellationToken ct)
    {
        var errors = Validate(write);
        if (errors.Any) return TypedResults.ValidationProblem(errors);
        var rep = services.Mapper.Map<Rep>(write);
        rep.Email = EmailAddress.Normalize(rep.Email);
        if (await ConflictAsync(services.Db, rep, ct) is { } conflict) return conflict;

        rep.CreatedAt = rep.UpdatedAt = services.Clock.GetUtcNow().UtcDateTime;
        services.Db.Reps.Add(rep);
        if (await SaveAsync(services.Db, rep, ct) is { } raced) return raced;
        return TypedResults.Created($"/api/reps/{rep.Id}", services.Mapper.Map<RepDto>(rep));
    }

    public static async Task<Results<Ok<RepDto>, NotFound<ProblemDetails>, ValidationProblem, Conflict<ProblemDetails>>> Patch(
        int id, JsonObject patch, [AsParameters] RepServices services, CancellationToken ct)
    {
        var rep = await services.Db.Reps.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rep is null) return NotFoundRep();
        if (!MergePatch.TryApply(services.Mapper.Map<RepWrite>(rep), patch, out var write, out var patchErrors))
            return TypedResults.ValidationProblem(patchErrors);
        var errors = Validate(write);
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        services.Mapper.Map(write, rep);
        rep.Email = EmailAddress.Normalize(rep.Email);
        if (await ConflictAsync(services.Db, rep, ct) is { } conflict) return conflict;
        rep.UpdatedAt = services.Clock.GetUtcNow().UtcDateTime;
        if (await SaveAsync(services.Db, rep, ct) is { } raced) return raced;
        // A deactivation or role change must bite on the rep's very next request.
        services.Callers.ForgetAll();
        return TypedResults.Ok(services.Mapper.Map<RepDto>(rep));
    }

    private static FieldErrors Validate(RepWrite write)
    {
        var errors = new FieldErrors();
        if (!EmailAddress.IsValid(write.Email)) errors.Add("email", "email must be a valid email address.");
        if (string.IsNullOrWhiteSpace(write.DisplayName)) errors.Add("displayName", "displayName is required.");
        errors.MaxLength("displayName", write.DisplayName, 200);
        if (write.EntraObjectId is not null && !Guid.TryParse(write.EntraObjectId, out _))
            errors.Add("entraObjectId", "entraObjectId must be the user's object id (a GUID) from Microsoft Entra ID.");
        return errors;
    }

    private static async Task<Conflict<ProblemDetails>?> ConflictAsync(LeadMailDb db, Rep rep, CancellationToken ct)
    {
        if (await db.Reps.AnyAsync(r => r.Id != rep.Id && r.Email == rep.Email, ct))
            return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "Email already used", Detail = $"Another rep has {rep.Email}.", Extensions = { ["field"] = "email" } });
        if (rep.EntraObjectId is not null && await db.Reps.AnyAsync(r => r.Id != rep.Id && r.EntraObjectId == rep.EntraObjectId, ct))
            return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "Object id already used", Detail = "Another rep has this Entra object id.", Extensions = { ["field"] = "entraObjectId" } });
        return null;
    }

    /// <summary>Saves the rep; when a racing request took the email or object id after our check, answers the check's 409.</summary>
    private static async Task<Conflict<ProblemDetails>?> SaveAsync(LeadMailDb db, Rep rep, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException failed) when (failed.IsUniqueViolation())
        {
            if (await ConflictAsync(db, rep, ct) is { } conflict) return conflict;
            throw;
        }
    }

    private static NotFound<ProblemDetails> NotFoundRep() =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Rep not found" });
}
