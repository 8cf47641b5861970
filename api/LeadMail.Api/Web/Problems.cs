using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadMail.Api.Auth;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace LeadMail.Api.Web;

/// <summary>
/// Turns what goes wrong into ProblemDetails that name the field: malformed JSON, unknown fields,
/// bad query parameters, conflicts. Anything unforeseen is a bare 500 without internals.
/// </summary>
internal sealed partial class Problems(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => InvalidBody(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Status(StatusCodes.Status413PayloadTooLarge, "Request body too large", exception.Message),
            BadHttpRequestException bad => BadParameter(bad),
            // The JSON reader throws this, outside the binder's bad-request handling, for a charset it cannot decode.
            InvalidOperationException when UnknownCharset(context.Request) is { } charset => Status(StatusCodes.Status415UnsupportedMediaType,
                "Unsupported charset", $"The body's charset '{charset}' is not one this API reads: send UTF-8 JSON.", ("field", "Content-Type")),
            EmailAlreadyKnownException known => Status(StatusCodes.Status409Conflict, "Email already belongs to a contact",
                $"{known.Address} is already an address of another contact.", ("field", "email"), ("contactId", known.ContactId)),
            UniqueKeyConflictException conflict => Status(StatusCodes.Status409Conflict, "Written at the same moment", conflict.Message),
            DbUpdateException failed when failed.IsUniqueViolation() => Status(StatusCodes.Status409Conflict, "Written at the same moment",
                "Another request saved the same record at the same moment. Reload it and send your change again."),
            DbUpdateConcurrencyException => Status(StatusCodes.Status412PreconditionFailed, "The contact changed meanwhile",
                "Someone else saved this record after you read it. Reload it and apply your change again."),
            RepDeactivatedException => Status(StatusCodes.Status403Forbidden, "Rep deactivated", exception.Message),
            UnidentifiedCallerException => Status(StatusCodes.Status401Unauthorized, "Unidentified caller", exception.Message),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };
        if (problem is null) return false;

        context.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    public static HttpValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid",
        };

    public static ProblemDetails Status(int status, string title, string detail, params (string Key, object Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        return problem;
    }

    private static string? UnknownCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.Charset is not { Length: > 0 } charset) return null;
        try
        {
            Encoding.GetEncoding(charset.ToString());
            return null;
        }
        catch (ArgumentException)
        {
            return charset.ToString();
        }
    }

    private static ProblemDetails BadParameter(BadHttpRequestException bad)
    {
        // e.g. 'Failed to bind parameter "int limit" from "abc".' or 'Required parameter "string email" was not provided from query string.'
        var match = ParameterName().Match(bad.Message);
        return match.Success ? Invalid(match.Groups[1].Value, bad.Message) : Status(bad.StatusCode, "Bad request", bad.Message);
    }

    /// <summary>The field error for a body that could not be read: the field as the DTO names it, and why.</summary>
    public static HttpValidationProblemDetails InvalidBody(JsonException json)
    {
        var field = FieldOf(json);
        return Invalid(field, MessageOf(json, field));
    }

    private static string FieldOf(JsonException json)
    {
        var unmapped = UnmappedProperty().Match(json.Message);
        if (unmapped.Success) return unmapped.Groups[1].Value;
        var path = json.Path ?? "$";
        // The path spells the second occurrence as sent; the message names the property as the DTO does.
        var duplicate = DuplicateProperty().Match(json.Message);
        if (duplicate.Success) path = path[..Math.Max(path.LastIndexOf('.'), 0)] + "." + duplicate.Groups[1].Value;
        return path == "$" ? "body" : path.TrimStart('$', '.');
    }

    private static string MessageOf(JsonException json, string field) => json switch
    {
        BodyFieldException body => body.MessageFor(field),
        _ when UnmappedProperty().IsMatch(json.Message) => "Unknown field: this API rejects fields it does not know, so a typo is never silently dropped.",
        _ when DuplicateProperty().IsMatch(json.Message) => BodyFieldException.Duplicate(field).MessageFor(field),
        _ => json.Path is null or "$" ? "The body is not valid JSON." : "The value has the wrong type or format.",
    };

    [GeneratedRegex("JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("^Duplicate property '([^']+)'")]
    private static partial Regex DuplicateProperty();

    [GeneratedRegex("parameter \"\\S+ (\\w+)\"")]
    private static partial Regex ParameterName();
}
