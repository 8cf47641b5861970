using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace LeadMail.Core.Tests.Persistence;

/// <summary>
/// A real SQLite file, migrated like the API migrates it, in a temp folder of its own; one per
/// test class (use it as an <c>IClassFixture</c>). Every <see cref="Open"/> is a separate DbContext
/// and connection, as separate requests or the sync worker would have.
/// </summary>
public sealed class LeadDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "leadmail-core-tests", Guid.NewGuid().ToString("N"));

    public LeadDatabase()
    {
        Directory.CreateDirectory(_directory);
        ConnectionString = DatabaseRegistration.SqliteConnectionString($"Data Source={Path.Combine(_directory, "leadmail.db")}", _directory);
        using var db = Open();
        db.Database.Migrate();
    }

    public string ConnectionString { get; }

    /// <summary>Frozen, so counters and timestamps are exact.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public SqliteLeadMailDb Open() =>
        new(new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite(ConnectionString).Options);

    /// <summary>A new contact with one unique address, added through <see cref="LeadIntake"/>.</summary>
    public async Task<Contact> NewContactAsync(string? name = null)
    {
        await using var db = Open();
        return await new LeadIntake(db, Clock).AddAsync(new Contact
        {
            FirstName = name ?? "Lead",
            Emails = [new ContactEmail { Address = $"lead.{Guid.NewGuid():N}@example.com" }],
        }, CancellationToken.None);
    }

    public async Task<Rep> NewRepAsync()
    {
        await using var db = Open();
        var rep = new Rep { Email = $"rep.{Guid.NewGuid():N}@contoso.com", DisplayName = "Rep" };
        db.Reps.Add(rep);
        await db.SaveChangesAsync();
        return rep;
    }

    public async Task<IReadOnlyList<RecordedTouch>> RecordAsync(IReadOnlyList<Touch> touches, KnownTouchPolicy policy = KnownTouchPolicy.Update)
    {
        await using var db = Open();
        return await new TouchIngest(db, Clock).RecordAsync(touches, policy, CancellationToken.None);
    }

    public async Task<Contact> ReloadAsync(int contactId)
    {
        await using var db = Open();
        return await db.Contacts.AsNoTracking().Include(c => c.Emails).SingleAsync(c => c.Id == contactId);
    }

    public void Dispose()
    {
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
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
