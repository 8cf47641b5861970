using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LeadMail.Api.Tests.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Xunit.Abstractions;

namespace LeadMail.Api.Tests.Auth;

/// <summary>
/// Every operation the API documents, called by every kind of caller: nobody, four kinds of bad token, rep A,
/// rep B and a manager. Path parameters name entities rep A owns. A new endpoint that forgets its
/// authorization fails here without anyone writing a test for it.
/// </summary>
public sealed class EndpointAuthorizationTests(LeadMailApiFactory api, ITestOutputHelper output) : IClassFixture<LeadMailApiFactory>
{
    /// <summary>
    /// Documented operations anyone may call without a token. The dev sign-in is how a local rep gets a token: it answers
    /// only in Local mode, in Development, to a loopback request (DevSignInTests), and 403 to everyone else.
    /// Graph posts change and lifecycle notifications with no token: each proves itself by its subscription's clientState (NotificationEndpointTests).
    /// </summary>
    private static readonly HashSet<string> AnonymousOperations =
        ["GET /api/dev/sign-in", "POST /api/dev/sign-in", "POST /api/sync/notifications", "POST /api/sync/lifecycle"];

    /// <summary>Addresses outside the document that answer without a token: the health probe, the pages and what they load.</summary>
    private static readonly string[] AnonymousRoutes =
        ["/health", "/addin/config.json", "/addin/manifest.xml", "/addin/taskpane.html", "/dashboard", "/swagger/v1/swagger.json"];

    /// <summary>Operations only managers pass (the Manager policy); reps get 403.</summary>
    private static readonly HashSet<string> ManagerOnly =
    [
        "DELETE /api/contacts/{id}",
        "GET /api/consent-violations",
        "GET /api/touch-revisions",
        "GET /api/sync/status",
        "POST /api/scores/recalculate",
        "POST /api/scores/rebuild",
        "POST /api/reps",
        "PATCH /api/reps/{id}",
        "GET /api/assignment-rules",
        "POST /api/assignment-rules",
        "POST /api/assignment-rules/preview",
        "GET /api/assignment-rules/{ruleId}",
        "PUT /api/assignment-rules/{ruleId}",
        "DELETE /api/assignment-rules/{ruleId}",
        "GET /api/rep-groups",
        "PUT /api/rep-groups/{name}",
        "GET /api/contact-merges",
        "GET /api/consent/changes",
    ];

    /// <summary>Operations on rep A's lead that a colleague may call: asking for the lead is how rep B gets it.</summary>
    private static readonly HashSet<string> OpenToColleagues = ["POST /api/contacts/{id}/hand-over-requests"];

    /// <summary>Bodies a call would succeed with if the caller were allowed, so a missing ownership check shows as a 2xx. Others get <c>{}</c>.</summary>
    private static object? BodyFor(string operation, World world) => operation switch
    {
        "POST /api/contacts" => new { firstName = "Walk", lastName = "Created", email = Unique.Email("walk") },
        "PATCH /api/contacts/{id}" => new { company = "Walked over" },
        "POST /api/contacts/{id}/interactions" => new { channel = "note", notes = "walked in" },
        "PATCH /api/contacts/{id}/interactions/{interactionId}" => new { notes = "walked over" },
        "POST /api/contacts/{id}/stage" => new { stage = "marketingQualified" },
        "POST /api/contacts/{id}/assign" => new { ownerId = world.Caller.RepId },
        "POST /api/assignment-rules/preview" => new { source = "walk", country = "DE", score = 10 },
        "PUT /api/contacts/{id}/follow-up" => new { dueAt = DateTime.UtcNow.AddDays(3), note = "walked in" },
        "PUT /api/contacts/{id}/consent" => new { doNotCall = true },
        "POST /api/contacts/{id}/merge" => new { duplicateId = world.DuplicateId },
        // Graph's collection, from a subscription nobody holds: accepted, and nothing changes.
        "POST /api/sync/notifications" => new { value = new[] { new { subscriptionId = "walk-subscription", clientState = "walk", changeType = "created" } } },
        "POST /api/sync/lifecycle" => new { value = new[] { new { subscriptionId = "walk-subscription", clientState = "walk", lifecycleEvent = "missed" } } },
        _ => new { },
    };

    private sealed record Operation(string Method, string Path, IReadOnlyList<(string Name, string In, bool Required)> Parameters)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private sealed record Identity(string Name, int RepId, HttpClient Client);

    /// <summary>A lead of rep A's with a touch and a follow-up, each carrying a word nobody else may ever read.</summary>
    private sealed record World(int ContactId, string ContactEmail, string ContactETag, long InteractionId, string Secret, Identity Caller, long ImportId, long HandOverId, int DuplicateId);

    private long? importId;
    private Identity? asker;

    private async Task<IReadOnlyList<Operation>> OperationsAsync()
    {
        using var anonymous = api.CreateClient();
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"));
        var operations = new List<Operation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "put" or "post" or "patch" or "delete"))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("required", out var required) && required.GetBoolean())).ToList()
                    : [];
                operations.Add(new Operation(operation.Name.ToUpperInvariant(), path.Name, parameters));
            }
        }
        return operations;
    }

    private async Task<World> SeedAsync(Identity repA, Identity caller)
    {
        var secret = Unique.Token("walk-secret-");
        var email = Unique.Email("walk");
        var contact = await repA.Client.CreateContactAsync(new { firstName = "Walk", lastName = "Lead", email, interest = secret });
        Assert.Equal(repA.RepId, contact.OwnerId);
        var touch = await IdOfAsync(await repA.Client.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = secret }));
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/contacts/{contact.Id}/follow-up")
        {
            Content = HttpJson.Body(new { dueAt = DateTime.UtcNow.AddDays(2), note = secret }),
        };
        var followUp = await repA.Client.SendAsync(request);
        Assert.True(followUp.IsSuccessStatusCode, await followUp.Content.ReadAsStringAsync());
        importId ??= await ImportOfAsync(repA);
        // A colleague's request for the lead, for the routes that decide one: only the owner and managers may.
        asker ??= await IdentityAsync("walk.rep.c@contoso.com", manager: false);
        var handOver = await IdOfAsync(await asker.Client.PostJsonAsync($"/api/contacts/{contact.Id}/hand-over-requests", new { note = secret }));
        var etag = (await repA.Client.GetAsync($"/api/contacts/{contact.Id}")).ETag()!;
        // A second lead of rep A's, for the merge: only a caller who may open both may merge them.
        var duplicate = await repA.Client.CreateContactAsync(new { firstName = "Walk", lastName = "Twin", email = Unique.Email("walk-twin") });
        return new World(contact.Id, email, etag, touch, secret, caller, importId.Value, handOver, duplicate.Id);
    }

    private static string UrlFor(Operation operation, World world, int repAId, int ruleId, string group)
    {
        var path = operation.Path;
        foreach (var (name, place, required) in operation.Parameters)
        {
            if (place == "path")
            {
                var value = (name, path) switch
                {
                    ("id", _) when path.StartsWith("/api/contacts/", StringComparison.Ordinal) => world.ContactId.ToString(),
                    ("id", _) when path.StartsWith("/api/reps/", StringComparison.Ordinal) => repAId.ToString(),
                    ("id", _) when path.StartsWith("/api/imports/", StringComparison.Ordinal) => world.ImportId.ToString(),
                    ("interactionId", _) => world.InteractionId.ToString(),
                    ("requestId", _) => world.HandOverId.ToString(),
                    ("ruleId", _) => ruleId.ToString(),
                    ("name", _) => group,
                    _ => throw new InvalidOperationException($"{operation}: no value for the path parameter {{{name}}}; add one to the walk."),
                };
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(value));
            }
        }
        // Query parameters the walk knows are filled whether required or not, so the call gets past validation.
        var query = new List<string>();
        foreach (var (name, place, required) in operation.Parameters.Where(p => p.In == "query"))
        {
            var value = name.ToLowerInvariant() switch
            {
                "email" => world.ContactEmail,
                "from" => "2026-01-01",
                "to" => "2026-12-31",
                "tz" => "Europe/Berlin",
                _ when required => throw new InvalidOperationException($"{operation}: no value for the required query parameter {name}; add one to the walk."),
                _ => null,
            };
            if (value is not null) query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private static HttpRequestMessage RequestFor(Operation operation, string url, object? body, World world)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        if (operation.Method is "POST" or "PUT" or "PATCH")
            request.Content = HttpJson.Body(body ?? new { }, operation.Method == "PATCH" ? "application/merge-patch+json" : "application/json");
        if (operation.Method == "PATCH")
            request.Headers.TryAddWithoutValidation("If-Match", operation.Path == "/api/contacts/{id}" ? world.ContactETag : "\"1\"");
        return request;
    }

    /// <summary>Tokens that must never pass: each differs from a good one in one way.</summary>
    private IEnumerable<(string Name, string? Token)> BadCallers(string email)
    {
        yield return ("anonymous", null);
        var good = api.TokenFor(email);
        var parts = good.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(email, "walk.someone.else@contoso.com");
        yield return ("tampered signature", $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}");
        yield return ("alg=none", $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.");
        yield return ("expired", api.IssuerWith(clock: new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-9))).Mint(email, manager: true));
        yield return ("another key", api.IssuerWith(key: new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "leadmail-local" }).Mint(email, manager: true));
    }

    [Fact]
    public async Task Every_operation_answers_each_kind_of_caller_as_its_authorization_says()
    {
        var operations = await OperationsAsync();
        output.WriteLine($"{operations.Count} operations");
        Assert.True(operations.Count >= 40, $"Only {operations.Count} operations in the document");

        var repA = await IdentityAsync("walk.rep.a@contoso.com", manager: false);
        var repB = await IdentityAsync("walk.rep.b@contoso.com", manager: false);
        var manager = await IdentityAsync("walk.manager@contoso.com", manager: true);
        var ruleId = (int)await IdOfAsync(await manager.Client.PostJsonAsync("/api/assignment-rules",
            new { name = Unique.Token("walk-rule-"), source = Unique.Token("never-"), repId = repA.RepId }));
        var group = Unique.Token("walk-group-");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/rep-groups/{group}") { Content = HttpJson.Body(new { repIds = new[] { repA.RepId } }) };
        await (await manager.Client.SendAsync(put)).ExpectAsync(HttpStatusCode.OK);

        var failures = new List<string>();
        var documented = operations.Select(o => o.ToString()).ToHashSet();
        failures.AddRange(ManagerOnly.Except(documented).Select(o => $"{o}: listed as manager-only but not in the document"));
        failures.AddRange(AnonymousOperations.Except(documented).Select(o => $"{o}: listed as anonymous but not in the document"));

        // Bad callers change nothing, so one lead serves them all.
        var anonymousWorld = await SeedAsync(repA, repB);
        foreach (var operation in operations)
        {
            var key = operation.ToString();
            var answers = new List<string>();
            foreach (var (name, token) in BadCallers(repA.Name))
            {
                using var client = token is null ? api.CreateClient() : api.ClientWithToken(token);
                var url = UrlFor(operation, anonymousWorld, repA.RepId, ruleId, group);
                using var response = await client.SendAsync(RequestFor(operation, url, BodyFor(key, anonymousWorld), anonymousWorld));
                var status = (int)response.StatusCode;
                answers.Add($"{name} {status}");
                if (AnonymousOperations.Contains(key))
                {
                    if (status is 401 or >= 500) failures.Add($"{key} as {name}: {status}, but it is listed as anonymous");
                }
                else if (status != 401 || !response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"))
                {
                    failures.Add($"{key} as {name}: {status}, expected 401 with a Bearer challenge");
                }
            }

            // Rep B on rep A's lead: the manager policy, else nothing of A's, and nothing of A's changed.
            var world = await SeedAsync(repA, repB);
            var before = await SnapshotAsync(manager, world);
            var (bStatus, bBody) = await CallAsync(repB, operation, world, repA.RepId, ruleId, group);
            answers.Add($"rep B {bStatus}");
            var onALead = (operation.Path.StartsWith("/api/contacts/{id}", StringComparison.Ordinal) && !OpenToColleagues.Contains(key))
                || operation.Path.StartsWith("/api/imports/{id}", StringComparison.Ordinal)
                || operation.Path.StartsWith("/api/hand-over-requests/{requestId}", StringComparison.Ordinal);
            if (ManagerOnly.Contains(key) && bStatus != 403) failures.Add($"{key} as rep B: {bStatus}, expected 403 (managers only)");
            else if (!ManagerOnly.Contains(key) && onALead && bStatus is not (403 or 404)) failures.Add($"{key} as rep B on rep A's lead: {bStatus}, expected 404");
            else if (bStatus is 401 or >= 500) failures.Add($"{key} as rep B: {bStatus}");
            if (bBody.Contains(world.Secret, StringComparison.Ordinal)) failures.Add($"{key} as rep B: the answer holds rep A's data: {bBody}");
            var after = await SnapshotAsync(manager, world);
            if (before != after) failures.Add($"{key} as rep B changed rep A's lead: {before} became {after}");

            foreach (var caller in new[] { repA, manager })
            {
                var own = await SeedAsync(repA, caller);
                var (status, body) = await CallAsync(caller, operation, own, repA.RepId, ruleId, group);
                answers.Add($"{(caller == repA ? "rep A" : "manager")} {status}");
                var expected403 = caller == repA && ManagerOnly.Contains(key);
                // An anonymous operation decides by other means than the token (dev sign-in: loopback only), so only 401 and 5xx are wrong.
                var anonymous = AnonymousOperations.Contains(key);
                if (expected403 && status != 403) failures.Add($"{key} as {caller.Name}: {status}, expected 403 (managers only)");
                else if (anonymous && status is 401 or >= 500) failures.Add($"{key} as {caller.Name}: {status} {body}");
                else if (!anonymous && !expected403 && (status is 401 or 403 or 404 || status >= 500)) failures.Add($"{key} as {caller.Name}: {status} {body}");
            }
            output.WriteLine($"{key}: {string.Join(", ", answers)}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} unexpected answers:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public async Task The_intentionally_anonymous_routes_answer_without_a_token()
    {
        using var anonymous = api.CreateClient();
        foreach (var route in AnonymousRoutes)
        {
            var status = (int)(await anonymous.GetAsync(route)).StatusCode;
            // The pane and the dashboard answer 503 in a host whose pages are not built: still not a sign-in wall.
            Assert.True(status is 200 or 503, $"{route}: {status}");
        }
    }

    private static async Task<long> IdOfAsync(HttpResponseMessage created)
    {
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"Expected 201 but got {(int)created.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>An import of rep A's (one row), for the routes that read an import by id.</summary>
    private static async Task<long> ImportOfAsync(Identity repA)
    {
        using var content = new StringContent($"Email,First Name,Company\n{Unique.Email("walk-import")},Walk,Imported\n");
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await repA.Client.PostAsync("/api/imports", content);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202 but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private async Task<Identity> IdentityAsync(string email, bool manager)
    {
        var client = api.ClientFor(email, manager);
        return new Identity(email, (await client.MeAsync()).Id, client);
    }

    private static async Task<(int Status, string Body)> CallAsync(Identity caller, Operation operation, World world, int repAId, int ruleId, string group)
    {
        var url = UrlFor(operation, world, repAId, ruleId, group);
        using var response = await caller.Client.SendAsync(RequestFor(operation, url, BodyFor(operation.ToString(), world), world));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What rep A's lead holds, as a manager reads it: any change by rep B shows as a difference.</summary>
    private static async Task<string> SnapshotAsync(Identity manager, World world)
    {
        var contact = await manager.Client.GetStringAsync($"/api/contacts/{world.ContactId}");
        var touches = await manager.Client.GetStringAsync($"/api/contacts/{world.ContactId}/interactions");
        var followUps = await manager.Client.GetStringAsync($"/api/contacts/{world.ContactId}/follow-ups");
        return string.Join('\n', contact, touches, followUps);
    }
}
