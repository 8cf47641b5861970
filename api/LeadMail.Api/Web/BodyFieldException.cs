using System.Text.Json;

namespace LeadMail.Api.Web;

/// <summary>
/// A JSON body refused while it is read, for a reason that concerns one field (a duplicate key, text
/// that is not valid Unicode or breaks the text rule). The message is written for the field once its
/// path is known, so Problems and MergePatch report it like any other field error.
/// </summary>
public sealed class BodyFieldException(Func<string, string> messageFor, string? path = null) : JsonException(messageFor("the value"), path, null, null)
{
    public string MessageFor(string field) => messageFor(field);

    public static BodyFieldException LoneSurrogate(string? path = null) =>
        new(field => $"{field} is not valid Unicode text: it holds a lone surrogate (an escaped \\uD800–\\uDFFF without its pair).", path);

    public static BodyFieldException Duplicate(string path) =>
        new(field => $"{field} is given more than once (names match in any case): send each field once.", path);
}
