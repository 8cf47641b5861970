using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LeadMail.Api.Auth;
using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;
using LeadMail.Api.Reps;
using LeadMail.Api.Web;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace LeadMail.Workflow.Tests;

/// <summary>A clock the tests move by hand, registered as the API's TimeProvider.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    public DateTime UtcNow => GetUtcNow().UtcDateTime;
}

/// <summary>
/// The API on a fresh SQLite file (one per test class), with Local auth and a <see cref="TestClock"/>.
/// Tokens are minted by the API's own <see cref="LocalTokenIssuer"/> with the test's signing key.
/// </summary>
public sealed class WorkflowHost : WebApplicationFactory<Program>
{
    private readonly string databasePath;
    private readonly string signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly LocalTokenIssuer issuer;
    private readonly IReadOnlyDictionary<string, string> settings;

    /// <summary>Starts at a fixed, whole instant so tests can reason about days.</summary>
    public TestClock Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(9), TimeSpan.Zero));

    public WorkflowHost() : this(new Dictionary<string, string>())
    {
    }

    /// <param name="settings">Configuration on top of the test defaults, e.g. a cadence of one's own.</param>
    /// <param name="databasePath">Another host's database, to start the API again on it (a restart with new settings).</param>
    internal WorkflowHost(IReadOnlyDictionary<string, string> settings, string? databasePath = null)
    {
        this.settings = settings;
        this.databasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"leadmail-workflow-{Guid.NewGuid():N}.db");
        // Minted a year before the test clock and valid ten years: good whichever clock the bearer handler judges lifetime by.
        var mintClock = new ShiftedClock(Clock, TimeSpan.FromDays(-365));
        issuer = new LocalTokenIssuer(new LocalAuthOptions(), new SymmetricSecurityKey(Convert.FromBase64String(signingKey)), mintClock);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:LeadMail", $"Data Source={databasePath}");
        builder.UseSetting("Auth:Mode", "Local");
        builder.UseSetting("Auth:Local:SigningKey", signingKey);
        builder.UseSetting("Scoring:RecalculateEvery", "00:00:00");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public string DatabasePath => databasePath;

    public HttpClient As(string email, bool manager = false)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Mint(email, manager, lifetime: TimeSpan.FromDays(3650)));
        return client;
    }

    /// <summary>A signed-in rep (created on first call) and their id.</summary>
    public async Task<(HttpClient Client, int RepId)> RepAsync(string name, bool manager = false)
    {
        var client = As($"{name}-{Guid.NewGuid():N}@contoso.com", manager);
        var me = await client.GetFromJsonAsync<RepDto>("/api/me", ApiJson.Options);
        return (client, me!.Id);
    }

    public async Task<ContactDto> CreateContactAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/contacts", body, ApiJson.Options);
        await Expect.StatusAsync(response, System.Net.HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<ContactDto>(ApiJson.Options))!;
    }

    public async Task<ContactDto> GetContactAsync(HttpClient client, int id) =>
        (await client.GetFromJsonAsync<ContactDto>($"/api/contacts/{id}", ApiJson.Options))!;

    /// <summary>Logs a touch by hand through the API, as the add-in does; expects it created.</summary>
    public static async Task<InteractionDto> LogAsync(HttpClient client, int contactId, object touch) =>
        await Expect.JsonAsync<InteractionDto>(await client.PostAsJsonAsync($"/api/contacts/{contactId}/interactions", touch, ApiJson.Options), System.Net.HttpStatusCode.Created);

    /// <summary>Records touches the way the sync worker does: through the one ingest path.</summary>
    public async Task<IReadOnlyList<RecordedTouch>> IngestAsync(params Touch[] touches)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TouchIngest>().RecordAsync(touches, KnownTouchPolicy.Update, CancellationToken.None);
    }

    public async Task<T> WithDbAsync<T>(Func<LeadMailDb, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<LeadMailDb>());
    }

    public static string NewEmail(string name = "lead") => $"{name}-{Guid.NewGuid():N}@example.com";

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            if (File.Exists(file)) File.Delete(file);
        }
    }

    private sealed class ShiftedClock(TimeProvider inner, TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + shift;
    }
}

public static class Expect
{
    /// <summary>Asserts the status, showing the body when it differs (a ProblemDetails says why).</summary>
    public static async Task StatusAsync(HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        await StatusAsync(response, expected);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<T> JsonAsync<T>(HttpResponseMessage response, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        await StatusAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options))!;
    }
}
