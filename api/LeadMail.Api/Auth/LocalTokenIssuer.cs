using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LeadMail.Api.Auth;

/// <summary>Mints tokens shaped like Entra's (oid, email, name, roles) for local runs and tests.</summary>
public sealed class LocalTokenIssuer(LocalAuthOptions options, SecurityKey key, TimeProvider clock)
{
    public string Mint(string email, bool manager, string? displayName = null, TimeSpan? lifetime = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["oid"] = ObjectIdFor(email),
            ["sub"] = ObjectIdFor(email),
            ["email"] = email.Trim().ToLowerInvariant(),
            ["name"] = displayName ?? email.Split('@')[0],
            ["roles"] = new[] { manager ? AppRoles.Manager : AppRoles.Rep },
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? options.TokenLifetime),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A stable object id per address, so a local user is the same rep every time.</summary>
    public static string ObjectIdFor(string email) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant()))[..16]).ToString();
}
