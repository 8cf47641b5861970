using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadMail.Api.Web;

namespace LeadMail.Api.Tests.Hosting;

/// <summary>Requests and responses in the API's own JSON contract (camelCase, enums as camelCase strings).</summary>
public static partial class HttpJson
{
    public static StringContent Body(object value, string mediaType = "application/json") =>
        new(JsonSerializer.Serialize(value, ApiJson.Options), Encoding.UTF8, mediaType);

    /// <summary>A body as written; "%N" in it stands for N characters, so over-long test values stay readable.</summary>
    public static StringContent Raw(string json, string mediaType = "application/json") =>
        new(Runs().Replace(json, m => new string('x', int.Parse(m.Groups[1].Value))), Encoding.UTF8, mediaType);

    [GeneratedRegex("%(\\d+)")]
    private static partial Regex Runs();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Body(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    /// <summary>A JSON merge patch, with If-Match when an ETag is given.</summary>
    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object patch, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = Body(patch, "application/merge-patch+json") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    /// <summary>Reads the body as <typeparamref name="T"/>, failing with the body in the message on an unexpected status.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, ApiJson.Options)!;
    }

    public static async Task ExpectAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
    }

    /// <summary>Asserts a ProblemDetails with the status and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        // Every error, whichever typed result a handler returned, is application/problem+json (ProblemResults).
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), $"A problem without a title: {text}");
        return problem;
    }

    /// <summary>Asserts a 400 ValidationProblem whose errors name <paramref name="field"/>; returns that field's messages.</summary>
    public static async Task<string[]> FieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No errors in {problem}");
        var names = errors.EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(names.Contains(field), $"Expected an error for '{field}' but got: {string.Join(", ", names)} in {problem}");
        return errors.GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    /// <summary>Records holding lists compare by reference; their JSON compares by value.</summary>
    public static void SameJson<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, ApiJson.Options), JsonSerializer.Serialize(actual, ApiJson.Options));

    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.ToString();
}

/// <summary>Names that never collide between tests sharing one database.</summary>
public static class Unique
{
    public static string Token(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..12];

    public static string Email(string name = "lead", string domain = "example.com") => $"{name}.{Guid.NewGuid():N}@{domain}";
}
