using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using LeadMail.Api.Auth;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace LeadMail.Testing;

/// <summary>
/// The real API over a real SQLite file in a temp folder of its own, Local auth with a per-host key, and a
/// <see cref="FakeTimeProvider"/> as its clock. Requests go through the whole pipeline, JWT validation included.
/// Each suite derives its own host from this one and adds only its conveniences.
/// </summary>
public class LeadMailHost : WebApplicationFactory<Program>
{
    private readonly string? _directory;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private bool _removed;

    /// <param name="clockStart">Where the clock starts; the wall clock's time (whole seconds) by default.</param>
    /// <param name="settings">Configuration on top of <see cref="Settings"/>, e.g. a cadence of one's own.</param>
    /// <param name="databasePath">Another host's database, to start the API again on it (a restart); that host keeps and removes it.</param>
    public LeadMailHost(DateTimeOffset? clockStart = null, IReadOnlyDictionary<string, string?>? settings = null, string? databasePath = null)
    {
        Clock = clockStart is { } start ? new FakeTimeProvider(start) : FakeClock.AtWallClock();
        _settings = settings ?? new Dictionary<string, string?>();
        if (databasePath is null)
        {
            _directory = Path.Combine(Path.GetTempPath(), "leadmail-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
            databasePath = Path.Combine(_directory, "leadmail.db");
        }
        DatabasePath = databasePath;
    }

    /// <summary>Base64 of a fresh 32-byte key: tokens from another host (another key) are rejected here.</summary>
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string DatabasePath { get; }

    public string ConnectionString => $"Data Source={DatabasePath}";

    /// <summary>
    /// The API's <see cref="TimeProvider"/>, moved only by tests. Tokens from <see cref="TokenFor"/> are valid
    /// whichever clock the bearer handler judges their lifetime by, so tests may move it freely.
    /// </summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The host environment; Development unless a suite or test says otherwise.</summary>
    public string EnvironmentName { get; init; } = "Development";

    public LocalAuthOptions LocalAuth => new() { SigningKey = SigningKey };

    /// <summary>The Kestrel address once <see cref="StartOnLoopback"/> has run.</summary>
    public Uri? LoopbackRoot { get; private set; }

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
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureTestServices(services);
        });
    }

    /// <summary>Serves the API on Kestrel at 127.0.0.1 (a free port), for a browser; returns its root address.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        LoopbackRoot = new Uri(address.TrimEnd('/') + "/");
        return LoopbackRoot;
    }

    /// <summary>
    /// A token from the Local issuer with the API's key, issuer and audience, valid from a year before the earlier
    /// of the wall clock and <see cref="Clock"/> to ten years after the later one.
    /// </summary>
    public string TokenFor(string email, bool manager = false, string? displayName = null)
    {
        var wall = DateTimeOffset.UtcNow;
        var fake = Clock.GetUtcNow();
        var from = (wall < fake ? wall : fake).AddDays(-365);
        var until = (wall > fake ? wall : fake).AddDays(3650);
        return IssuerWith(clock: new FakeTimeProvider(from)).Mint(email, manager, displayName, lifetime: until - from);
    }

    /// <summary>
    /// An issuer whose tokens differ from good ones in one way (key, audience, issuer, clock). Tokens are
    /// stamped with the wall clock and the default lifetime unless a clock is given.
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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || _removed) return;
        _removed = true;
        // Pooled connections keep the file open; release this host's (the API's and the tests' own), no one else's.
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        SqliteConnection.ClearPool(new SqliteConnection(DatabaseRegistration.SqliteConnectionString(ConnectionString, Path.GetDirectoryName(DatabasePath)!)));
        if (_directory is null) return;
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
