using System.Text;
using System.Text.Json;
using CsCheck;

namespace LeadMail.Api.Tests.Hardening;

/// <summary>One generated request: body bytes (not always UTF-8, not always JSON), content type, query string, If-Match.</summary>
public sealed record HostileRequest(byte[] Body, string? ContentType, string Query, string? IfMatch)
{
    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Body);
        var body = Encoding.UTF8.GetByteCount(text) == Body.Length && text.Length <= 2000 ? JsonSerializer.Serialize(text) : $"base64:{Convert.ToBase64String(Body[..Math.Min(Body.Length, 3000)])} ({Body.Length} bytes)";
        return $"query={JsonSerializer.Serialize(Query)} content-type={ContentType ?? "(none)"} if-match={IfMatch ?? "(none)"} body={body}";
    }
}

/// <summary>
/// Generators of what a careless or hostile client sends: duplicate keys in any case, lone surrogates,
/// control and bidi characters, deep nesting, wrong types, huge numbers, random bytes, wrong content types.
/// Field names come from the endpoint, so most bodies get past the first check and reach the deeper ones.
/// </summary>
public static class HostileInput
{
    private const string Nasty = "\u0000\u0001\t\n\r\u001b\u001f\u007f\u0085\u2028\u202a\u202e\u2066\u2069\u200f\ufeff\"\\/<>'&;=+-@ aZ9é中😀";

    private static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.String[Gen.Char[Nasty], 0, 12].Select(s => JsonSerializer.Serialize(s))),
        (2, Gen.OneOf("\"\\ud800\"", "\"a\\udfff\"", "\"\\udc00\\ud800\"", "\"x\\ud83d\"", "\"\\u0000\"", "\"\\u202e\"")),
        (2, Gen.OneOf("\"Ada\"", "\"ada@example.com\"", "\"note\"", "\"call\"", "\"connected\"", "\"lost\"", "\"contacted\"", "\"qualified\"",
            "\"manager\"", "\"rep\"", "\"DE\"", "\"high\"", "\"outbound\"")),
        (2, Gen.OneOf("\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.9999999+14:00\"", "\"2026-12-01T09:00:00\"", "\"2026-13-45\"",
            "\"2030-01-01T09:00:00Z\"", "\"0001-01-01\"", "\"9999-12-31\"")),
        (1, Gen.Int[100, 5000].Select(n => "\"" + new string('x', n) + "\"")),
        (1, Gen.String.Select(s => JsonSerializer.Serialize(s))));

    private static readonly Gen<string> Number = Gen.Frequency(
        (3, Gen.OneOf("1e400", "-1e400", "1E+308", "99999999999999999999999999", "-0", "0.5", "1", "2", "0", "-1",
            "2147483648", "-2147483649", "9223372036854775808", "1.0e-400", "0x10", "NaN", "Infinity", "01")),
        (1, Gen.Int.Select(i => i.ToString())),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R") : "1e999")));

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (5, Text), (3, Number), (1, Gen.OneOf("true", "false", "null")));

    /// <summary>Nesting past the reader's limit of 64.</summary>
    private static readonly Gen<string> Deep = Gen.Select(Gen.Int[30, 400], Gen.Bool).Select((n, arrays) => arrays
        ? new string('[', n) + new string(']', n)
        : string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n));

    private static Gen<string> Value(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (8, Scalar),
            (1, Value(depth - 1).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Gen.String[Gen.Char["abcAB"], 0, 3], Value(depth - 1)).Array[0, 3]
                .Select(pairs => "{" + string.Join(",", pairs.Select(p => JsonSerializer.Serialize(p.Item1) + ":" + p.Item2)) + "}")),
            (1, Deep));

    private static Gen<string> Key(string[] fields) => Gen.Frequency(
        (8, Gen.OneOf(fields).Select(f => JsonSerializer.Serialize(f))),
        (2, Gen.OneOf(fields).Select(f => JsonSerializer.Serialize(f.ToUpperInvariant()))),
        (1, Gen.OneOf(fields).Select(f => JsonSerializer.Serialize(char.ToUpperInvariant(f[0]) + f[1..]))),
        (1, Gen.OneOf("\"\\ud800\"", "\"\"", "\"__proto__\"", "\"$type\"", "\"id\"", "\"version\"", "\"a\\u0000b\"")),
        (1, Gen.String[Gen.Char[Nasty], 0, 6].Select(s => JsonSerializer.Serialize(s))));

    private static Gen<string> Object(string[] fields) => Gen.Frequency(
        (6, Gen.Select(Key(fields), Value(2)).Array[0, 6]
            .Select(pairs => "{" + string.Join(",", pairs.Select(p => p.Item1 + ":" + p.Item2)) + "}")),
        // The same field twice, as sent by a client with a bug: same case or another case, same or another value.
        (3, Gen.Select(Gen.OneOf(fields), Gen.Bool, Value(1), Value(1)).Select((field, otherCase, first, second) =>
            $"{{{JsonSerializer.Serialize(field)}:{first},{JsonSerializer.Serialize(otherCase ? field.ToUpperInvariant() : field)}:{second}}}")),
        (1, Gen.Select(Gen.OneOf(fields), Deep).Select((field, deep) => $"{{{JsonSerializer.Serialize(field)}:{deep}}}")));

    private static Gen<byte[]> Body(string[] fields) => Gen.Frequency(
        (10, Object(fields).Select(Encoding.UTF8.GetBytes)),
        (1, Object(fields).SelectMany(json => Gen.Int[0, Math.Max(0, json.Length - 1)].Select(cut => Encoding.UTF8.GetBytes(json[..cut])))),
        (1, Gen.OneOf("", "[]", "[{}]", "\"x\"", "42", "null", "true", "{", "}", "{}{}", "{\"a\":1,}", "{'a':1}", "\ufeff{}").Select(Encoding.UTF8.GetBytes)),
        (1, Deep.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 300]),
        (1, Gen.Const(() => Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 70 * 1024) + "\"}"))));

    private static readonly Gen<string> Query = Gen.Frequency(
        (4, Gen.Const("")),
        (1, Gen.Select(Gen.OneOf("limit", "cursor", "stage", "owner", "q", "from", "to", "tz", "email", "x"), Gen.Byte.Array[0, 12]).Array[1, 4]
            .Select(pairs => "?" + string.Join("&", pairs.Select(p => p.Item1 + "=" + string.Concat(p.Item2.Select(b => $"%{b:X2}")))))),
        (1, Gen.OneOf("?limit=1e400", "?limit=-1&limit=2", "?cursor=%00", "?q=%ED%A0%80", "?%00=%00", "?a=b;c=d", "?limit=99999999999999999999")));

    /// <summary>Mostly JSON (as the endpoint expects), sometimes another media type or none.</summary>
    private static Gen<string?> ContentType(string json) => Gen.Frequency(
        (12, Gen.Const<string?>(json)),
        (1, Gen.OneOf<string?>("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=utf-16", "application/json; charset=nonsense", "application/merge-patch+json", "application/json", null)));

    private static readonly Gen<string?> IfMatch = Gen.Frequency(
        (8, Gen.Const<string?>("*")),
        (1, Gen.OneOf<string?>(null, "\"1\"", "\"999\"", "W/\"1\"", "garbage", "\"", "*, \"1\"")));

    public static Gen<HostileRequest> For(string[] fields, string contentType) =>
        Gen.Select(Body(fields), ContentType(contentType), Query, IfMatch).Select((body, type, query, ifMatch) => new HostileRequest(body, type, query, ifMatch));
}
