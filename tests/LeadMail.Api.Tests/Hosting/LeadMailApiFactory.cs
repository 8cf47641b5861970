using System.Net.Http.Headers;
using System.Security.Cryptography;
using LeadMail.Api.Auth;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace LeadMail.Api.Tests.Hosting;

/// <summary>
/// The real API over a real SQLite file of its own (one per test class: use it as an
/// <c>IClassFixture</c>), Local auth with a per-factory key, and a clock the tests control.
/// Requests go through the whole pipeline, JWT validation included.
/// Derive from it (overriding <see cref="Settings"/> or <see cref="ConfigureTestServices"/>) to reuse it
/// for other suites.
/// </summary>
public class LeadMailApiFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "leadmail-tests", Guid.NewGuid().ToString("N"));

    public LeadMailApiFactory()
    {
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "leadmail.db");
    }

    /// <summary>Base64 of a fresh 32-byte key: tokens from another factory (another key) are rejected here.</summary>
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string DatabasePath { get; }

    public string ConnectionString => $"Data Source={DatabasePath}";

    /// <summary>
    /// The API's <see cref="TimeProvider"/>: frozen at the wall clock's time when the factory is made, moved only by
    /// tests. Token lifetimes are checked against the wall clock, not against this (see <see cref="IssuerWith"/>).
    /// </summary>
    public TestClock Clock { get; } = TestClock.AtWallClock();

    /// <summary>The host environment; Development unless a test says otherwise.</summary>
    public string EnvironmentName { get; init; } = "Development";

    public LocalAuthOptions LocalAuth => new() { SigningKey = SigningKey };

    /// <summary>Configuration the API starts with; passed as host settings so Program sees them before Build.</summary>
    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:LeadMail"] = ConnectionString,
        ["Auth:Mode"] = "Local",
        ["Auth:Local:SigningKey"] = SigningKey,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureTestServices(services);
        });
    }

    /// <summary>A token from the Local issuer with the API's key, issuer and audience.</summary>
    public string TokenFor(string email, bool manager = false, string? displayName = null) =>
        IssuerWith().Mint(email, manager, displayName);

    /// <summary>
    /// An issuer whose tokens differ from good ones in one way (key, audience, issuer, clock). Tokens are
    /// stamped with the wall clock by default: JwtBearer checks their lifetime against the wall clock, not
    /// against <see cref="Clock"/>, so tests may move <see cref="Clock"/> freely.
    /// </summary>
    public LocalTokenIssuer IssuerWith(SecurityKey? key = null, string? audience = null, string? issuer = null, TimeProvider? clock = null)
    {
        var options = LocalAuth;
        if (audience is not null) options.Audience = audience;
        if (issuer is not null) options.Issuer = issuer;
        return new LocalTokenIssuer(options, key ?? new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)) { KeyId = "leadmail-local" },
            clock ?? TimeProvider.System);
    }

    /// <summary>An HttpClient signed in as the given user; the rep row is created by their first request.</summary>
    public HttpClient ClientFor(string email, bool manager = false, string? displayName = null) =>
        ClientWithToken(TokenFor(email, manager, displayName));

    public HttpClient ManagerClient(string email = "manager@contoso.com") => ClientFor(email, manager: true, "Morgan Manager");

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs work against the API's own services (its database, the ingest path) in a fresh scope.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> work) => InScopeAsync(async sp =>
    {
        await work(sp);
        return true;
    });

    /// <summary>Adds a lead through <see cref="LeadIntake"/>, faster than POSTs when a test needs many.</summary>
    public Task<Contact> AddContactAsync(Contact contact) =>
        InScopeAsync(sp => sp.GetRequiredService<LeadIntake>().AddAsync(contact, CancellationToken.None));

    /// <summary>Records touches through the one ingest path, as the sync worker would.</summary>
    public Task<IReadOnlyList<RecordedTouch>> RecordTouchesAsync(params Touch[] touches) =>
        InScopeAsync(sp => sp.GetRequiredService<TouchIngest>().RecordAsync(touches, KnownTouchPolicy.Update, CancellationToken.None));

    private bool _removed;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || _removed) return;
        _removed = true;
        // Pooled connections keep the file open; release ours (only ours) before removing the folder.
        SqliteConnection.ClearPool(new SqliteConnection(DatabaseRegistration.SqliteConnectionString(ConnectionString, _directory)));
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS temp cleaner rather than failing the run.
        }
    }
}
