using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace LeadMail.Api.Web;

/// <summary>
/// 200 with a JSON body that is serialised into memory first and sent with its Content-Length in one
/// write, where <c>TypedResults.Ok</c> streams it chunked. For the task pane's lookup (about 5 KB),
/// streaming cost 0.1–0.15 ms more per call on the benchmark (docs/benchmarks.md): several writes and
/// flushes, and a chunked body for the client to reassemble. Only for bodies of bounded size.
/// </summary>
public sealed class BufferedJson<T>(T value) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IValueHttpResult, IEndpointMetadataProvider
{
    public T Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext context)
    {
        // The API's own JSON contract (ApiJson), as every other answer is written with.
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = new ArrayBufferWriter<byte>(8 * 1024);
        await using (var writer = new Utf8JsonWriter(body))
        {
            JsonSerializer.Serialize(writer, Value, options);
        }

        context.Response.StatusCode = StatusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.WrittenCount;
        await context.Response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted);
    }

    /// <summary>Describes the answer to OpenAPI as <c>Ok&lt;T&gt;</c> would.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
