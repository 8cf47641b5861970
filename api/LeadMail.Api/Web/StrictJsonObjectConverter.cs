using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadMail.Api.Web;

/// <summary>
/// Reads a merge-patch body (a <see cref="JsonObject"/>) under the rules a typed body obeys: no key
/// twice in one object, compared ignoring case as the binder matches properties, and no string or key
/// that is not valid Unicode, at any depth. Refused as a field error, where the built-in reading
/// would fail later, outside the binder, and answer 500.
/// </summary>
public sealed class StrictJsonObjectConverter : System.Text.Json.Serialization.JsonConverter<JsonObject>
{
    public override JsonObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        if (element.ValueKind != JsonValueKind.Object) throw new JsonException("The body must be a JSON object.");
        Check(element, "$");
        return JsonObject.Create(element, new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive })!;
    }

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);

    private static void Check(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        throw BodyFieldException.LoneSurrogate(path);
                    }
                    if (seen.TryGetValue(name, out var first)) throw BodyFieldException.Duplicate($"{path}.{first}");
                    seen.Add(name);
                    Check(property.Value, $"{path}.{name}");
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) Check(item, $"{path}[{index++}]");
                break;
            case JsonValueKind.String:
                try
                {
                    element.GetString();
                }
                catch (InvalidOperationException)
                {
                    throw BodyFieldException.LoneSurrogate(path);
                }
                break;
        }
    }
}
