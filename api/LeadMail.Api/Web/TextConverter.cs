using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadMail.Api.Web;

/// <summary>
/// Reads every string of a request body under <see cref="TextRule"/>: single-line unless the property
/// is marked <see cref="MultiLineTextAttribute"/>. Writing is unchanged.
/// </summary>
public sealed class TextConverter(bool multiLine) : JsonConverter<string>
{
    public static TextConverter SingleLine { get; } = new(multiLine: false);

    public static TextConverter MultiLine { get; } = new(multiLine: true);

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException();
        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw BodyFieldException.LoneSurrogate();
        }
        if (TextRule.Refusal(value, multiLine) is { } refusal) throw new BodyFieldException(field => TextRule.Message(field, refusal, multiLine));
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}

/// <summary>Marks free text that may span lines (notes, background, reasons): tab, CR and LF are kept, other controls still refused.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class MultiLineTextAttribute : JsonConverterAttribute
{
    public override JsonConverter CreateConverter(Type typeToConvert) => TextConverter.MultiLine;
}
