using Microsoft.AspNetCore.Http.Json;

namespace LeadMail.Api.Web;

public static class WebConventions
{
    /// <summary>One JSON style and ProblemDetails for every error, in every environment.</summary>
    public static IServiceCollection AddWebConventions(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        // Bad query values and unreadable bodies become exceptions that Problems turns into field errors.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<Problems>();
        return services;
    }
}
