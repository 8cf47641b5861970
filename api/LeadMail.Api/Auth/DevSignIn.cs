using System.Net;
using LeadMail.Api.Web;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Auth;

/// <summary>The body of POST /api/dev/sign-in: who to sign in as.</summary>
public sealed record DevSignInWrite(string? Email, RepRole? Role, string? Name);

/// <summary>A rep the local database knows, offered on the sign-in picker.</summary>
public sealed record DevSignInRep(string Email, string DisplayName, RepRole Role);

/// <summary>The token minted for the picked rep, as the token command prints it.</summary>
public sealed record DevSignInToken(string Token);

/// <summary>
/// Signing in by picking a rep instead of pasting a token: only in Local mode, in Development, and for a request
/// from this machine (loopback), where whoever can call it could run the token command anyway.
/// </summary>
public static class DevSignIn
{
    public static RouteGroupBuilder MapDevSignIn(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dev/sign-in").WithTags("Auth").AllowAnonymous();
        group.MapGet("/", Reps).WithName("DevSignInReps").WithSummary("Local development only: the reps to sign in as.");
        group.MapPost("/", SignIn).WithName("DevSignIn").WithSummary("Local development only, from this machine: a Local-mode token for the picked rep.");
        return api;
    }

    /// <summary>Whether this request may sign in by picking: Local mode, Development, from loopback.</summary>
    public static bool IsOffered(HttpContext http)
    {
        var services = http.RequestServices;
        return services.GetRequiredService<AuthModeInUse>().Mode == AuthMode.Local
            && services.GetRequiredService<IHostEnvironment>().IsDevelopment()
            && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
    }

    public static async Task<Results<Ok<List<DevSignInRep>>, ProblemHttpResult>> Reps(HttpContext http, LeadMailDb db, CancellationToken ct)
    {
        if (!IsOffered(http)) return Refused();
        var reps = await db.Reps.AsNoTracking().Where(r => r.Active).OrderBy(r => r.DisplayName)
            .Select(r => new DevSignInRep(r.Email, r.DisplayName, r.Role)).Take(50).ToListAsync(ct);
        return TypedResults.Ok(reps);
    }

    public static Results<Ok<DevSignInToken>, ValidationProblem, ProblemHttpResult> SignIn(DevSignInWrite write, HttpContext http)
    {
        if (!IsOffered(http)) return Refused();
        var errors = new FieldErrors();
        var email = write.Email?.Trim() ?? "";
        if (email.Length == 0 || !email.Contains('@') || email.StartsWith('@') || email.EndsWith('@'))
            errors.Add("email", "email is required: the address of the rep to sign in as.");
        errors.MaxLength("email", write.Email, 320);
        errors.MaxLength("name", write.Name, 200);
        if (errors.Any) return TypedResults.ValidationProblem(errors);
        var issuer = http.RequestServices.GetRequiredService<LocalTokenIssuer>();
        var name = string.IsNullOrWhiteSpace(write.Name) ? null : write.Name.Trim();
        return TypedResults.Ok(new DevSignInToken(issuer.Mint(email, write.Role == RepRole.Manager, name)));
    }

    private static ProblemHttpResult Refused() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "Sign-in by picking a rep is off here",
        detail: "It is offered only in Local mode, in Development, to a request from this machine. Sign in with a token from the token command.");
}
