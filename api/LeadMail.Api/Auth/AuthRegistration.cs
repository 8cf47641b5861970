using LeadMail.Core.Hosting;
using LeadMail.Core.Reps;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace LeadMail.Api.Auth;

public static class AuthRegistration
{
    /// <summary>
    /// Entra ID in production; in Local mode the same JwtBearer validation (issuer, audience,
    /// lifetime, signature) against the local key. Local mode runs only in the environments of
    /// <see cref="LocalRun.Environments"/>; anywhere else the host refuses to start.
    /// </summary>
    public static WebApplicationBuilder AddLeadMailAuth(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var mode = ResolveMode(options, builder.Environment);
        builder.Services.AddSingleton(new AuthModeInUse(mode));

        if (mode == AuthMode.Local)
        {
            var key = LocalSigningKey.Load(options.Local, builder.Environment.ContentRootPath);
            builder.Services.AddSingleton(sp => new LocalTokenIssuer(options.Local, key, sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Local.Issuer,
                    ValidAudience = options.Local.Audience,
                    IssuerSigningKey = key,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "name",
                    RoleClaimType = "roles",
                };
            });
        }
        else
        {
            // Fail at start, naming the key, rather than with a 401 on every request.
            foreach (var key in new[] { "AzureAd:TenantId", "AzureAd:ClientId" })
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration[key]))
                    throw new InvalidOperationException($"Auth:Mode is EntraId but {key} is not configured.");
            }
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApi(builder.Configuration.GetSection("AzureAd"));
        }

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AppRoles.ManagerPolicy, p => p.RequireRole(AppRoles.Manager));
        builder.Services.AddSingleton<CallerCache>();
        builder.Services.AddScoped<CallerResolver>();
        return builder;
    }

    public static AuthMode ResolveMode(AuthOptions options, IHostEnvironment environment)
    {
        var mode = options.Mode ?? (environment.IsDevelopment() ? AuthMode.Local : AuthMode.EntraId);
        if (mode == AuthMode.Local && !environment.IsLocal())
        {
            throw new InvalidOperationException(
                $"Auth:Mode is Local, which signs tokens with a development key: it is refused in the '{environment.EnvironmentName}' environment "
                + $"(allowed only in {string.Join(", ", LocalRun.Environments)}). Set Auth:Mode to EntraId.");
        }
        return mode;
    }
}

public sealed record AuthModeInUse(AuthMode Mode);

public static class RepRoleExtensions
{
    public static RepRole ToRepRole(this bool isManager) => isManager ? RepRole.Manager : RepRole.Rep;
}
