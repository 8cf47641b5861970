using LeadMail.Api.Addin;
using LeadMail.Core.Hosting;
using Microsoft.OpenApi;

namespace LeadMail.Api.Web;

public static class OpenApi
{
    public const string EnabledKey = "Swagger:Enabled";

    /// <summary>
    /// The document and the UI describe every route to whoever asks, so they are served only where the
    /// development conveniences are (<see cref="LocalRun.Environments"/>) unless Swagger:Enabled says otherwise.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(EnabledKey) ?? environment.IsLocal();

    /// <summary>Swagger at /swagger when enabled, and / opening it; with Swagger off, / opens the managers' dashboard instead.</summary>
    public static WebApplication UseLeadMailOpenApi(this WebApplication app)
    {
        var enabled = IsEnabled(app.Configuration, app.Environment);
        if (enabled)
        {
            app.UseSwagger();
            app.UseSwaggerUI(ui => ui.SwaggerEndpoint("/swagger/v1/swagger.json", "LeadMail API v1"));
        }
        app.MapGet("/", () => Results.Redirect(enabled ? "/swagger" : AddinHosting.DashboardPath)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Swagger UI at /swagger with an Authorize button that takes a bearer token.</summary>
    public static IServiceCollection AddLeadMailOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "LeadMail API",
                Version = "v1",
                Description = "Leads, touches and follow-ups beside every email. Local runs: mint a token with "
                    + "`dotnet run --project api/LeadMail.Api -- token --email you@contoso.com --role rep` and paste it under Authorize.",
            });
            swagger.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from Microsoft Entra ID, or from the local token command.",
            });
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("Bearer", document)] = [],
            });
        });
        return services;
    }
}
