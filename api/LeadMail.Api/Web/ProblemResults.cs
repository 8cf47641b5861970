using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LeadMail.Api.Web;

/// <summary>
/// Handlers return typed results such as <c>NotFound&lt;ProblemDetails&gt;</c> so the OpenAPI page
/// lists their errors; those write plain <c>application/json</c>. This filter re-issues any
/// ProblemDetails they carry as a problem result, so every error is <c>application/problem+json</c>.
/// </summary>
public static class ProblemResults
{
    public static TBuilder WithProblemContentType<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            if (inner is ProblemHttpResult or ValidationProblem) return result;
            return inner is IValueHttpResult { Value: ProblemDetails problem } ? TypedResults.Problem(problem) : result;
        });
}
