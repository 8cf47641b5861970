using Microsoft.OpenApi;

namespace LeadMail.Api.Web;

public static class OpenApi
{
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
            swagger.OperationFilter<AlternativeResponses>();
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
