using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Hosting;
using LeadMail.SyncWorker.Sync;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadMail.SyncWorker.Tests.Infrastructure;

/// <summary>
/// A real SQLite file, a WireMock Graph, and the real worker host built the way Program builds it.
/// Each round runs in a fresh host, like successive <c>--once</c> runs, ten minutes after the last.
/// </summary>
public sealed class SyncTestBed : IAsyncDisposable
{
    public const string CompanyDomain = "contoso.com";
    private int round;

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"leadmail-sync-{Guid.NewGuid():N}.db");
    public GraphStandIn Graph { get; } = new();

    /// <summary>Configuration every round gets; tests add to it (auto-create policy, failure threshold…).</summary>
    public Dictionary<string, string?> Settings { get; }

    public SyncTestBed()
    {
        Settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:LeadMail"] = $"Data Source={DatabasePath}",
            ["Database:Provider"] = "Sqlite",
            ["Graph:BaseUrl"] = Graph.BaseUrl,
            ["Graph:TenantId"] = "",
            ["Graph:ClientId"] = "",
            ["Graph:ClientSecret"] = "",
            ["Graph:MaxRetries"] = "3",
            // Backoff in milliseconds, never real minutes.
            ["Graph:RetryBaseDelay"] = "00:00:00.010",
            ["Graph:RequestTimeout"] = "00:00:10",
            ["Sync:CompanyDomains:0"] = CompanyDomain,
            ["Sync:ExcludedAddresses:90"] = "@mailer.example.com",
            ["Sync:PageSize"] = "50",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        using var db = OpenDb();
        db.Database.Migrate();
    }

    public SqliteLeadMailDb OpenDb() =>
        new(new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite($"Data Source={DatabasePath};Default Timeout=30").Options);

    /// <summary>A rep whose mailbox syncs; Graph knows the mailbox by the rep's object id.</summary>
    public async Task<Rep> AddRepAsync(string email, bool syncEnabled = true)
    {
        await using var db = OpenDb();
        var rep = new Rep
        {
            Email = email,
            DisplayName = email.Split('@')[0],
            EntraObjectId = Guid.NewGuid().ToString(),
            SyncEnabled = syncEnabled,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        db.Reps.Add(rep);
        await db.SaveChangesAsync();
        return rep;
    }

    public async Task<Contact> AddContactAsync(string email, int? ownerId = null)
    {
        await using var db = OpenDb();
        return await new LeadIntake(db, TimeProvider.System).AddAsync(new Contact
        {
            FirstName = email.Split('@')[0],
            OwnerId = ownerId,
            Emails = [new ContactEmail { Address = email }],
        }, CancellationToken.None);
    }

    /// <summary>One round in a fresh host; <paramref name="clock"/> defaults to ten minutes after the previous round.</summary>
    public async Task<RoundReport> RunRoundAsync(TestClock? clock = null, IDictionary<string, string?>? settings = null)
    {
        using var host = BuildHost(clock, settings);
        await host.StartAsync();
        var report = await host.Services.GetRequiredService<SyncRound>().RunAsync(once: true, CancellationToken.None);
        await host.StopAsync();
        return report;
    }

    /// <summary>One round that must succeed on every stream; a failure names the streams and their errors.</summary>
    public async Task RoundSucceedsAsync(TestClock? clock = null)
    {
        var report = await RunRoundAsync(clock);
        Assert.True(report.AllSucceeded, string.Join("; ", report.Streams.Where(s => !s.Succeeded).Select(s => $"{s.Claim.Stream} {s.Claim.FolderId}: {s.Error}")));
    }

    public IHost BuildHost(TestClock? clock = null, IDictionary<string, string?>? settings = null)
    {
        var overrides = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) overrides[key] = value;
        var builder = WorkerHost.CreateBuilder([], continuous: false, overrides);
        builder.Services.AddSingleton<TimeProvider>(clock ?? NextRoundClock());
        return builder.Build();
    }

    public TestClock NextRoundClock() => new(TimeSpan.FromMinutes(10 * Interlocked.Increment(ref round)));

    public async Task<List<Interaction>> TouchesAsync()
    {
        await using var db = OpenDb();
        return await db.Interactions.AsNoTracking().OrderBy(i => i.ContactId).ThenBy(i => i.NaturalKey).ToListAsync();
    }

    public async Task<MailboxSync> StreamAsync(int repId, MailboxStream stream)
    {
        await using var db = OpenDb();
        return await db.MailboxSyncs.AsNoTracking().SingleAsync(s => s.RepId == repId && s.Stream == stream);
    }

    public async Task<List<Contact>> ContactsAsync()
    {
        await using var db = OpenDb();
        return await db.Contacts.AsNoTracking().Include(c => c.Emails).OrderBy(c => c.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Graph.Dispose();
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
