using System.Net;
using System.Text.Json;
using CsCheck;
using LeadMail.Api.Reps;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Hardening;

/// <summary>
/// Every write endpoint that reads a body, against generated malformed and hostile requests: never a
/// 5xx, every 4xx a ProblemDetails with its status, and a refused request leaves the data set up before
/// it as it was. Deterministic: the cases follow from <see cref="Seed"/> (override with LEADMAIL_PROPERTY_SEED
/// to explore, and quote it to reproduce a failure).
/// </summary>
public sealed class WriteEndpointPropertyTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    private const int CasesPerEndpoint = 40;

    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("LEADMAIL_PROPERTY_SEED"), out var seed) ? seed : 20261201UL;

    private static readonly string[] ContactFields =
    [
        "firstName", "lastName", "email", "emails", "company", "title", "phone", "mobilePhone", "street", "city", "postalCode", "region",
        "country", "background", "source", "firstMetOn", "interest", "stage", "priority", "ownerId", "doNotCall", "doNotEmail", "unsubscribed",
        "nextFollowUpDue", "nextFollowUpNote",
    ];

    private static readonly string[] TouchFields =
        ["channel", "direction", "occurredAt", "subject", "notes", "outcome", "consentOverrideReason", "idempotencyKey", "internetMessageId", "origin"];

    private static readonly string[] RuleFields =
        ["name", "position", "active", "interest", "region", "country", "source", "minScore", "maxScore", "repId", "group"];

    private static readonly string[] RepFields = ["email", "displayName", "entraObjectId", "role", "active", "syncEnabled"];

    /// <summary>What one endpoint is: how to reach it, the fields its body has, and the data a refused request must leave alone.</summary>
    private sealed record Endpoint(string Method, string Path, string[] Fields, string[] Watched, string ContentType = "application/json");

    private static readonly Dictionary<string, Endpoint> Endpoints = new()
    {
        ["CreateContact"] = new("POST", "/api/contacts", ContactFields, ["/api/contacts/{contact}", "/api/contacts?limit=5"]),
        ["UpdateContact"] = new("PATCH", "/api/contacts/{contact}", ContactFields, ["/api/contacts/{contact}"], "application/merge-patch+json"),
        ["LogInteraction"] = new("POST", "/api/contacts/{contact}/interactions", TouchFields, ["/api/contacts/{contact}", "/api/contacts/{contact}/interactions"]),
        ["CorrectInteraction"] = new("PATCH", "/api/contacts/{contact}/interactions/{touch}", ["occurredAt", "outcome", "subject", "notes", "channel"],
            ["/api/contacts/{contact}", "/api/contacts/{contact}/interactions/{touch}"], "application/merge-patch+json"),
        ["MoveStage"] = new("POST", "/api/contacts/{contact}/stage", ["stage", "reason"], ["/api/contacts/{contact}", "/api/contacts/{contact}/stage-history"]),
        ["SetFollowUp"] = new("PUT", "/api/contacts/{contact}/follow-up", ["dueAt", "note", "channel"], ["/api/contacts/{contact}", "/api/contacts/{contact}/follow-ups"]),
        ["AssignContact"] = new("POST", "/api/contacts/{contact}/assign", ["ownerId", "route", "reason"], ["/api/contacts/{contact}", "/api/contacts/{contact}/assignments"]),
        ["CreateAssignmentRule"] = new("POST", "/api/assignment-rules", RuleFields, ["/api/assignment-rules"]),
        ["ReplaceAssignmentRule"] = new("PUT", "/api/assignment-rules/{rule}", RuleFields, ["/api/assignment-rules"]),
        ["PutRepGroup"] = new("PUT", "/api/rep-groups/{group}", ["repIds"], ["/api/rep-groups"]),
        ["CreateRep"] = new("POST", "/api/reps", RepFields, ["/api/reps"]),
        ["UpdateRep"] = new("PATCH", "/api/reps/{rep}", RepFields, ["/api/reps/{rep}"], "application/merge-patch+json"),
    };

    public static TheoryData<string> EndpointNames => new(Endpoints.Keys);

    [Theory]
    [MemberData(nameof(EndpointNames))]
    public async Task Hostile_requests_never_answer_5xx_always_explain_a_4xx_and_leave_the_data_alone(string name)
    {
        var endpoint = Endpoints[name];
        using var manager = api.ManagerClient($"property.{name.ToLowerInvariant()}@contoso.com");
        var ids = await SeedAsync(manager, name);
        string Resolve(string path) => ids.Aggregate(path, (p, id) => p.Replace($"{{{id.Key}}}", id.Value));

        var gen = HostileInput.For(endpoint.Fields, endpoint.ContentType);
        var pcg = new PCG((uint)Array.IndexOf([.. Endpoints.Keys], name), Seed);
        var before = await SnapshotAsync(manager, endpoint.Watched.Select(Resolve));
        for (var i = 0; i < CasesPerEndpoint; i++)
        {
            var request = gen.Generate(pcg, null, out _);
            var where = $"{endpoint.Method} {endpoint.Path}, case {i} of seed {Seed} (LEADMAIL_PROPERTY_SEED={Seed} reproduces it): {request}";
            var response = await manager.SendAsync(ToMessage(endpoint, Resolve(endpoint.Path) + request.Query, request));
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(status < 500, $"{status} for {where}\n{text}");
            var after = await SnapshotAsync(manager, endpoint.Watched.Select(Resolve));
            if (status >= 400)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    $"{status} without a ProblemDetails ({response.Content.Headers.ContentType}) for {where}\n{text}");
                Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("status", out var stated) && stated.GetInt32() == status,
                    $"A ProblemDetails without its status for {where}\n{text}");
                Assert.True(before == after, $"Refused with {status} but the data changed for {where}\n{text}\nbefore: {before}\nafter:  {after}");
            }
            before = after;
        }
    }

    /// <summary>The entities the endpoint works on, each its own so the endpoints' cases do not meet.</summary>
    private async Task<Dictionary<string, string>> SeedAsync(HttpClient manager, string name)
    {
        var contact = await manager.CreateLeadAsync(company: "Contoso " + name);
        var touch = await (await manager.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "Met at the fair" }))
            .ReadAsync<JsonElement>(HttpStatusCode.Created);
        var rep = await (await manager.PostJsonAsync("/api/reps", new { email = Unique.Email("rep"), displayName = "Seeded Rep " + name }))
            .ReadAsync<RepDto>(HttpStatusCode.Created);
        var group = Unique.Token("group");
        await (await manager.PutAsync($"/api/rep-groups/{group}", HttpJson.Body(new { repIds = new[] { rep.Id } }))).ExpectAsync(HttpStatusCode.OK);
        var rule = await (await manager.PostJsonAsync("/api/assignment-rules", new { name = "Seeded " + name, source = Unique.Token("never"), repId = rep.Id }))
            .ReadAsync<JsonElement>(HttpStatusCode.Created);
        return new Dictionary<string, string>
        {
            ["contact"] = contact.Id.ToString(),
            ["touch"] = touch.GetProperty("id").GetInt64().ToString(),
            ["rep"] = rep.Id.ToString(),
            ["group"] = group,
            ["rule"] = rule.GetProperty("id").GetInt32().ToString(),
        };
    }

    private static async Task<string> SnapshotAsync(HttpClient client, IEnumerable<string> urls)
    {
        var parts = new List<string>();
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            parts.Add($"{url} {(int)response.StatusCode} {response.Headers.ETag} {await response.Content.ReadAsStringAsync()}");
        }
        return string.Join("\n", parts);
    }

    private static HttpRequestMessage ToMessage(Endpoint endpoint, string url, HostileRequest hostile)
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url) { Content = new ByteArrayContent(hostile.Body) };
        if (hostile.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
        else request.Content.Headers.ContentType = null;
        if (hostile.IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", hostile.IfMatch);
        return request;
    }
}
