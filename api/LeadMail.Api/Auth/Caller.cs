using System.Security.Claims;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Identity.Web;

namespace LeadMail.Api.Auth;

/// <summary>The signed-in rep, resolved once per request from the token; handlers take it as a parameter.</summary>
public sealed record Caller(int RepId, string Email, bool IsManager)
{
    private const string ItemKey = "LeadMail.Caller";

    /// <summary>Minimal API binding: the caller is resolved by <see cref="CallerResolver"/> on first use.</summary>
    public static async ValueTask<Caller?> BindAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached)) return (Caller?)cached;
        var caller = await context.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(context.User, context.RequestAborted);
        context.Items[ItemKey] = caller;
        return caller;
    }
}

/// <summary>Thrown when a token is valid but names a rep who has been deactivated.</summary>
public sealed class RepDeactivatedException(string email) : Exception($"The rep {email} is deactivated.");

/// <summary>Thrown when a valid token lacks the claims that identify a person.</summary>
public sealed class UnidentifiedCallerException() : Exception("The token names no user (oid and email claims are missing).");

/// <summary>
/// Finds the rep behind a token by Entra object id, else by email (a rep a manager added before
/// their first sign-in), else creates one: reps exist from their first call.
/// </summary>
public sealed class CallerResolver(IServiceProvider requestServices, CallerCache cache, TimeProvider clock)
{
    // Taken from the request's services only when the cache misses: almost every request is a hit, and
    // renting a pooled context it never uses (and resetting it afterwards) is work on every call.
    private LeadMailDb Db => field ??= requestServices.GetRequiredService<LeadMailDb>();

    public async Task<Caller> ResolveAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var objectId = user.FindFirst("oid")?.Value ?? user.FindFirst(ClaimConstants.ObjectId)?.Value;
        var email = (user.FindFirst("email") ?? user.FindFirst("preferred_username") ?? user.FindFirst("upn") ?? user.FindFirst(ClaimTypes.Email))?.Value;
        if (objectId is null && email is null) throw new UnidentifiedCallerException();
        email = email is null ? null : EmailAddress.Normalize(email);
        var isManager = user.IsInRole(AppRoles.Manager);
        var name = user.FindFirst("name")?.Value ?? email ?? objectId!;

        var cacheKey = $"caller:{objectId ?? email}:{isManager}";
        if (cache.TryGet(cacheKey, out var known)) return known;

        var rep = await FindAsync(objectId, email, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (rep is null)
        {
            rep = new Rep
            {
                EntraObjectId = objectId,
                Email = email ?? $"{objectId}@unknown.invalid",
                DisplayName = name,
                Role = isManager.ToRepRole(),
                CreatedAt = now,
                UpdatedAt = now,
            };
            Db.Reps.Add(rep);
            try
            {
                await Db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The rep's first two requests raced; the other one created the row.
                Db.ChangeTracker.Clear();
                rep = await FindAsync(objectId, email, ct) ?? throw new InvalidOperationException("Rep provisioning failed.");
            }
        }
        else if (rep.EntraObjectId != objectId && objectId is not null || rep.Role != isManager.ToRepRole())
        {
            // The token is the authority on identity and role; keep the table in step with it.
            rep.EntraObjectId = objectId ?? rep.EntraObjectId;
            rep.Role = isManager.ToRepRole();
            rep.UpdatedAt = now;
            await Db.SaveChangesAsync(ct);
        }

        if (!rep.Active) throw new RepDeactivatedException(rep.Email);
        var caller = new Caller(rep.Id, rep.Email, isManager);
        cache.Set(cacheKey, caller);
        return caller;
    }

    private async Task<Rep?> FindAsync(string? objectId, string? email, CancellationToken ct) =>
        (objectId is null ? null : await Db.Reps.FirstOrDefaultAsync(r => r.EntraObjectId == objectId, ct))
        ?? (email is null ? null : await Db.Reps.FirstOrDefaultAsync(r => r.Email == email, ct));
}

/// <summary>
/// Remembers resolved callers for a minute, so a request costs no rep query. A change to any rep
/// forgets them all at once (only these entries, not the rest of the process's cache), so a
/// deactivation or a role change bites on the very next request.
/// </summary>
public sealed class CallerCache(IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private CancellationTokenSource generation = new();

    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Caller? caller) =>
        cache.TryGetValue(key, out caller) && caller is not null;

    public void Set(string key, Caller caller) =>
        cache.Set(key, caller, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor }
            .AddExpirationToken(new Microsoft.Extensions.Primitives.CancellationChangeToken(Volatile.Read(ref generation).Token)));

    public void ForgetAll() => Interlocked.Exchange(ref generation, new CancellationTokenSource()).Cancel();
}
