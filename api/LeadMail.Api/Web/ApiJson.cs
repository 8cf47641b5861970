using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadMail.Api.Web;

/// <summary>
/// The JSON contract: camelCase, enums as camelCase strings, unknown fields rejected, no field twice.
/// The API reads request bodies with the rules of <see cref="Configure"/> on top: merge patches
/// checked as strictly as typed bodies, and every string under <see cref="TextRule"/>.
/// </summary>
public static class ApiJson
{
    /// <summary>How the API reads request bodies and writes answers.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ConfigureContract(options);
        options.Converters.Add(new StrictJsonObjectConverter());
        options.Converters.Add(TextConverter.SingleLine);
    }

    /// <summary>
    /// The contract alone, to write bodies and read answers: answers hold multi-line notes, and whatever
    /// the sync worker recorded, which the text rule for request bodies would refuse.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create(ConfigureContract);

    /// <summary>The options request bodies are read with, for bodies read outside the binder (merge patches).</summary>
    public static JsonSerializerOptions RequestOptions { get; } = Create(Configure);

    private static void ConfigureContract(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        // A misspelt field must not be silently dropped: the rep would think it was saved.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // Two values for one field (in any case, since names match ignoring case) mean a client bug: which one was meant?
        options.AllowDuplicateProperties = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    private static JsonSerializerOptions Create(Action<JsonSerializerOptions> configure)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        configure(options);
        return options;
    }

    /// <summary>Parses an enum given as a query-string value, accepting the same camelCase names as the JSON.</summary>
    public static bool TryParseEnum<T>(string value, out T result) where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out result) && Enum.IsDefined(result) && !int.TryParse(value, out _);

    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
