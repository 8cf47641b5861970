using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LeadMail.Api.Web;

/// <summary>
/// A handler whose typed results answer one status with two bodies (the full contact, or its restricted
/// view) would be documented with only the last; this lists every body of that status as oneOf.
/// </summary>
internal sealed class AlternativeResponses : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is null) return;
        var byStatus = context.ApiDescription.ActionDescriptor.EndpointMetadata
            .OfType<IProducesResponseTypeMetadata>()
            .Where(m => m.Type is not null && m.Type != typeof(void))
            .GroupBy(m => m.StatusCode);
        foreach (var status in byStatus)
        {
            var types = status.Select(m => m.Type!).Distinct().ToList();
            if (types.Count < 2 || !operation.Responses.TryGetValue(status.Key.ToString(CultureInfo.InvariantCulture), out var response)
                || response.Content is null) continue;
            var oneOf = new OpenApiSchema { OneOf = types.Select(t => context.SchemaGenerator.GenerateSchema(t, context.SchemaRepository)).ToList() };
            foreach (var media in response.Content.Values) media.Schema = oneOf;
        }
    }
}
