using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LeadMail.Api.Auth;
using LeadMail.Api.Web;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LeadMail.Reports.Tests;

/// <summary>
/// The real API over a temp SQLite file, Local auth with a per-host key, real JWT validation.
/// The clock is fixed (at the real start time, so tokens stay valid) to make "stale for 30 days" exact.
/// </summary>
public sealed class ReportHost : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("leadmail-reports-").FullName;
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public FakeTimeProvider Clock { get; } = new(TruncatedToSeconds(DateTimeOffset.UtcNow));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("ConnectionStrings:LeadMail", $"Data Source={Path.Combine(_directory, "leadmail.db")}");
        builder.UseSetting("Auth:Mode", "Local");
        builder.UseSetting("Auth:Local:SigningKey", _signingKey);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>An HTTP client carrying a freshly minted token for the given person.</summary>
    public HttpClient ClientFor(string email, bool manager)
    {
        var client = CreateClient();
        var token = Services.GetRequiredService<LocalTokenIssuer>().Mint(email, manager);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> GetJsonAsync<T>(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }

    /// <summary>Runs work against the host's own database in a scope of its services.</summary>
    public async Task WithDbAsync(Func<LeadMailDb, IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<LeadMailDb>(), scope.ServiceProvider);
    }

    /// <summary>Reads something straight from the host's database (the test's own view of the rows).</summary>
    public async Task<T> WithDbAsync<T>(Func<LeadMailDb, T> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return read(scope.ServiceProvider.GetRequiredService<LeadMailDb>());
    }

    /// <summary>Adds reps before their first sign-in, as a manager would; their tokens later resolve to these rows by email.</summary>
    public async Task<IReadOnlyList<Rep>> AddRepsAsync(params (string Email, string Name, bool Manager)[] people)
    {
        var reps = people.Select(p => new Rep
        {
            Email = p.Email,
            DisplayName = p.Name,
            Role = p.Manager ? RepRole.Manager : RepRole.Rep,
            CreatedAt = Clock.GetUtcNow().UtcDateTime,
            UpdatedAt = Clock.GetUtcNow().UtcDateTime,
        }).ToList();
        await WithDbAsync(async (db, _) =>
        {
            db.Reps.AddRange(reps);
            await db.SaveChangesAsync();
        });
        return reps;
    }

    /// <summary>Adds a lead through the real intake path, with the intake's clock at the moment it was created.</summary>
    public async Task<Contact> AddLeadAsync(Contact contact, DateTime createdAtUtc)
    {
        Contact added = null!;
        await WithDbAsync(async (db, _) => added = await new LeadIntake(db, new FakeTimeProvider(new DateTimeOffset(createdAtUtc, TimeSpan.Zero))).AddAsync(contact, default));
        return added;
    }

    /// <summary>Bulk contacts with past creation times: plain inserts, as an import would leave them.</summary>
    public async Task AddContactsAsync(IEnumerable<Contact> contacts)
    {
        await WithDbAsync(async (db, _) =>
        {
            db.Contacts.AddRange(contacts);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>Touches through the one ingest path, which also keeps each contact's counters (touches before connect).</summary>
    public async Task RecordTouchesAsync(IReadOnlyList<Touch> touches)
    {
        await WithDbAsync(async (_, services) => await services.GetRequiredService<TouchIngest>().RecordAsync(touches, KnownTouchPolicy.Keep, default));
    }

    private static DateTimeOffset TruncatedToSeconds(DateTimeOffset now) => now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platform; the temp folder is reclaimed by the OS.
        }
    }
}
