using System.Reflection;
using System.Text.Json;
using LeadMail.Api.Addin;
using LeadMail.Core.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

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
            swagger.OperationFilter<AlternativeResponses>();
            swagger.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from Microsoft Entra ID, or from the local token command.",
            });
            // What clients generate their types from (addin/src/generated/api-types.ts): nullability as the C# says it,
            // nullable enums marked so (a bare $ref cannot carry it), and every answer's fields listed as present.
            swagger.SupportNonNullableReferenceTypes();
            swagger.UseAllOfToExtendReferenceSchemas();
            swagger.SchemaFilter<GenericNullability>();
            swagger.OperationFilter<DeclaredRequestBodies>();
            swagger.DocumentFilter<AnswersCarryEveryField>();
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("Bearer", document)] = [],
            });
        });
        return services;
    }
}

/// <summary>
/// ApiJson writes every property of an answer, nulls included, so the schemas only answers use list all their
/// properties as required: a generated client then types a field as present (and null where the schema says
/// so) rather than as maybe missing. Schemas a request body uses keep their own rules, since a client may leave
/// fields out; ProblemDetails leaves out what it does not have, so it keeps them too.
/// </summary>
internal sealed class AnswersCarryEveryField : IDocumentFilter
{
    private static readonly Type[] OmitsEmptyFields = [typeof(ProblemDetails), typeof(HttpValidationProblemDetails)];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return;
        var operations = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).ToList();
        var asked = Reachable(schemas, operations.SelectMany(o => o.RequestBody?.Content?.Values ?? []).Select(m => m.Schema));
        var answered = Reachable(schemas, operations.SelectMany(o => o.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values ?? []).Select(m => m.Schema));
        foreach (var type in OmitsEmptyFields)
            if (context.SchemaRepository.TryLookupByType(type, out var reference) && reference.Reference.Id is { } id) asked.Add(id);

        foreach (var id in answered.Except(asked))
        {
            if (schemas[id] is not OpenApiSchema { Properties.Count: > 0 } schema) continue;
            schema.Required ??= new HashSet<string>();
            foreach (var name in schema.Properties.Keys) schema.Required.Add(name);
        }
    }

    /// <summary>The ids of the component schemas reachable from <paramref name="roots"/> through references.</summary>
    private static HashSet<string> Reachable(IDictionary<string, IOpenApiSchema> schemas, IEnumerable<IOpenApiSchema?> roots)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<IOpenApiSchema>(roots.OfType<IOpenApiSchema>());
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (seen.Add(id) && schemas.TryGetValue(id, out var target)) pending.Push(target);
                continue;
            }
            foreach (var next in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? [])
                         .Append(schema.Items).Append(schema.AdditionalProperties).OfType<IOpenApiSchema>())
                pending.Push(next);
        }
        return seen;
    }
}

/// <summary>
/// Nullability that reflection on a closed generic type loses: a <c>T Data</c> of <c>Report&lt;T&gt;</c> is as
/// present as T is (the generator marks every generic member nullable), and the items of a list declared
/// <c>IReadOnlyList&lt;string?&gt;</c> may be null (the generator says they never are).
/// </summary>
internal sealed class GenericNullability : ISchemaFilter
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>
    /// Whether a member typed by a generic parameter is declared <c>T?</c>. NullabilityInfoContext answers
    /// "maybe null" for every unconstrained T, so the compiler's own flag (2: annotated) is read instead.
    /// </summary>
    private static bool DeclaredMaybeNull(PropertyInfo property) =>
        (Flag(property.CustomAttributes, "NullableAttribute") ?? Flag(property.DeclaringType!.CustomAttributes, "NullableContextAttribute")) == 2;

    private static byte? Flag(IEnumerable<CustomAttributeData> attributes, string name) =>
        attributes.FirstOrDefault(a => a.AttributeType.FullName == "System.Runtime.CompilerServices." + name)?.ConstructorArguments is [{ Value: byte flag }] ? flag : null;

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema.Properties is not { Count: > 0 } properties || context.Type.Assembly != typeof(OpenApi).Assembly && context.Type.Assembly.GetName().Name != "LeadMail.Core") return;
        var declared = context.Type.IsConstructedGenericType ? context.Type.GetGenericTypeDefinition() : context.Type;
        foreach (var property in declared.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var member) || member is not OpenApiSchema shown) continue;
            var info = Nullability.Create(property);
            if (property.PropertyType.IsGenericParameter && !DeclaredMaybeNull(property) && shown.Type is { } type)
                shown.Type = type & ~JsonSchemaType.Null;
            if (info.GenericTypeArguments is [{ ReadState: NullabilityState.Nullable }] && shown.Items is OpenApiSchema { Type: { } itemType } items
                && typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType))
                items.Type = itemType | JsonSchemaType.Null;
        }
    }
}

/// <summary>
/// A merge patch is bound as a JsonObject (to tell a field left out from one set to null), but described as
/// the type its <c>Accepts&lt;T&gt;</c> names, so clients learn which fields they may send.
/// </summary>
internal sealed class DeclaredRequestBodies : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var declared = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>()
            .LastOrDefault(a => a.RequestType is { } type && type != typeof(System.Text.Json.Nodes.JsonObject))?.RequestType;
        if (declared is null || operation.RequestBody is not OpenApiRequestBody { Content: { } content }) return;
        var schema = context.SchemaGenerator.GenerateSchema(declared, context.SchemaRepository);
        foreach (var media in content.Values) media.Schema = schema;
    }
}
