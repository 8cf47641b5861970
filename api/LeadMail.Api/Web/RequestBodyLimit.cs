using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace LeadMail.Api.Web;

/// <summary>
/// Caps request bodies: a contact or a touch is a few kilobytes, so anything near the cap is a
/// mistake or an attack. Kestrel enforces the cap on streamed bodies; a declared length over
/// it is refused up front with a ProblemDetails. A route that takes files names its own cap with
/// <see cref="IRequestSizeLimitMetadata"/>.
/// </summary>
public static class RequestBodyLimit
{
    public const long MaxBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var maxBytes = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = maxBytes;
        if (context.Request.ContentLength > maxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 413, Title = "Request body too large", Detail = $"Bodies are limited to {maxBytes / 1024} KB." },
            });
            return;
        }
        await next(context);
    });
}
