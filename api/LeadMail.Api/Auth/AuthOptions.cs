namespace LeadMail.Api.Auth;

/// <summary>Configuration section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary><c>EntraId</c> in production; <c>Local</c> (the Development default) signs tokens with a local key.</summary>
    public AuthMode? Mode { get; set; }

    public LocalAuthOptions Local { get; set; } = new();
}

public enum AuthMode
{
    EntraId,
    Local,
}

/// <summary>Configuration section <c>Auth:Local</c>: the development token issuer, refused outside the local environments (LocalRun.Environments).</summary>
public sealed class LocalAuthOptions
{
    public string Issuer { get; set; } = "https://leadmail.local";
    public string Audience { get; set; } = "api://leadmail";

    /// <summary>Base64 key of at least 256 bits. When empty, one is generated once into <see cref="KeyFile"/>.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Where the generated key lives, relative to the content root; git-ignored.</summary>
    public string KeyFile { get; set; } = "App_Data/local-signing.key";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>The role names in tokens (Entra app roles; the local issuer uses the same).</summary>
public static class AppRoles
{
    public const string Manager = "LeadMail.Manager";
    public const string Rep = "LeadMail.Rep";

    /// <summary>The authorization policy that only managers pass.</summary>
    public const string ManagerPolicy = "Manager";
}
