using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadMail.Api.Web;

/// <summary>
/// JSON merge patch (RFC 7396) over a write DTO: the current values are serialised, the patch's
/// fields laid over them, and the result read back, so a PATCH goes through the same validation
/// as a create. Fields the DTO lacks are refused, like everywhere else.
/// </summary>
public static class MergePatch
{
    public static bool TryApply<TWrite>(TWrite current, JsonObject patch, out TWrite merged, out FieldErrors errors) where TWrite : class
    {
        errors = new FieldErrors();
        merged = current;
        var node = (JsonObject)JsonSerializer.SerializeToNode(current, ApiJson.Options)!;
        foreach (var (name, value) in patch)
        {
            if (!node.ContainsKey(name)) errors.Add(name, "Unknown field: this API rejects fields it does not know.");
            else node[name] = value?.DeepClone();
        }
        if (errors.Any) return false;
        try
        {
            merged = node.Deserialize<TWrite>(ApiJson.Options)!;
            return true;
        }
        catch (JsonException json)
        {
            errors.Add(json.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body", "The value has the wrong type or format.");
            return false;
        }
    }
}
