using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadMail.Api.Web;

/// <summary>
/// JSON merge patch (RFC 7396) over a write DTO: the current values are serialised, the patch's
/// fields laid over them, and the result read back with the rules a request body is read with, so a
/// PATCH goes through the same validation as a create. Fields the DTO lacks are refused, like everywhere else.
/// </summary>
public static class MergePatch
{
    public static bool TryApply<TWrite>(TWrite current, JsonObject patch, out TWrite merged, out FieldErrors errors) where TWrite : class
    {
        errors = new FieldErrors();
        merged = current;
        var node = (JsonObject)JsonSerializer.SerializeToNode(current, ApiJson.RequestOptions)!;
        foreach (var (name, value) in patch)
        {
            if (!node.ContainsKey(name)) errors.Add(name, "Unknown field: this API rejects fields it does not know.");
            else node[name] = value?.DeepClone();
        }
        if (errors.Any) return false;
        try
        {
            merged = node.Deserialize<TWrite>(ApiJson.RequestOptions)!;
            return true;
        }
        catch (JsonException json)
        {
            // The merged values are read as a body is: the text rule and type errors name the field the same way.
            foreach (var (field, messages) in Problems.InvalidBody(json).Errors) errors[field] = messages;
            return false;
        }
    }
}
