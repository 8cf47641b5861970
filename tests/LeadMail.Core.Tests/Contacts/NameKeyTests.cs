using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reports;
using LeadMail.Core.Tests.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadMail.Core.Tests.Contacts;

/// <summary>
/// The duplicate-name key: "first last | company", spaces trimmed, lower-cased in every script. It used to
/// be computed by SQLite, whose lower() folds ASCII only; now the contact sets it.
/// </summary>
public sealed class NameKeyTests(LeadDatabase leads) : IClassFixture<LeadDatabase>
{
    /// <summary>The expression SQLite computed the key with before (migration NameKeyEveryScript).</summary>
    private const string SqliteExpression =
        "CASE WHEN trim(COALESCE($first, '')) <> '' OR trim(COALESCE($last, '')) <> '' " +
        "THEN lower(trim(COALESCE($first, '')) || ' ' || trim(COALESCE($last, '')) || ' | ' || trim(COALESCE($company, ''))) END";

    [Fact]
    public void For_ascii_names_the_key_is_what_sqlite_computed_so_existing_groups_stay()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + SqliteExpression;
        var random = new Random(20261126);
        string?[] parts = [null, "", " ", "  Ann ", "LEE", "Contoso Ltd.", "o'Brien", "Mc Donald", "\tTab", "x-Y_z 9"];

        for (var i = 0; i < 2_000; i++)
        {
            var (first, last, company) = (parts[random.Next(parts.Length)], parts[random.Next(parts.Length)], parts[random.Next(parts.Length)]);
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$first", (object?)first ?? DBNull.Value);
            command.Parameters.AddWithValue("$last", (object?)last ?? DBNull.Value);
            command.Parameters.AddWithValue("$company", (object?)company ?? DBNull.Value);
            var sqlite = command.ExecuteScalar() as string;

            Assert.Equal(sqlite, Contact.NameKeyOf(first, last, company));
        }
    }

    [Theory]
    [InlineData("ÉLODIE", "Müller", "Société Générale", "élodie müller | société générale")]
    [InlineData("Zoë", "BRANDT", null, "zoë brandt | ")]
    [InlineData("дмитрий", "ИВАНОВ", " Газпром ", "дмитрий иванов | газпром")]
    [InlineData(" ", null, "Contoso", null)]
    public void Every_script_is_folded(string? first, string? last, string? company, string? key)
    {
        var contact = new Contact { FirstName = first, LastName = last, Company = company };

        Assert.Equal(key, contact.NameKey);
        Assert.Equal(key, Contact.NameKeyOf(first, last, company));
    }

    [Fact]
    public async Task The_key_follows_every_change_of_a_name_and_is_stored()
    {
        var contact = await leads.NewContactAsync("ÅSA");
        await using (var db = leads.Open())
        {
            var stored = await db.Contacts.SingleAsync(c => c.Id == contact.Id);
            Assert.Equal("åsa  | ", stored.NameKey);
            stored.LastName = "Öberg";
            stored.Company = "ÆRØ Ferries";
            await db.SaveChangesAsync();
        }

        await using var reread = leads.Open();
        Assert.Equal("åsa öberg | ærø ferries", await reread.Contacts.Where(c => c.Id == contact.Id).Select(c => c.NameKey).SingleAsync());
        Assert.True(await reread.Contacts.AnyAsync(c => c.NameKey == "åsa öberg | ærø ferries"));
    }

    [Fact]
    public async Task Migrating_at_start_folds_the_keys_sqlite_left_unfolded()
    {
        var directory = Path.Combine(Path.GetTempPath(), "leadmail-core-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var connectionString = DatabaseRegistration.SqliteConnectionString($"Data Source={Path.Combine(directory, "old.db")}", directory);
        await using (var before = new SqliteLeadMailDb(new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite(connectionString).Options))
        {
            var previous = before.Database.GetMigrations().TakeWhile(m => !DuplicateKeys.NameKeysNeedFolding(m)).Last();
            await before.GetService<IMigrator>().MigrateAsync(previous);
            // Two spellings of one person, and an ASCII name, as the API stored them before the change.
            await before.Database.ExecuteSqlRawAsync(
                "INSERT INTO Contacts (FirstName, LastName, Company, Stage, Priority, Score, ScoreBase, PrioritySetByHand, DoNotCall, DoNotEmail, Unsubscribed, " +
                "TouchesTotal, OutboundSinceConnect, CreatedAt, UpdatedAt, Version) VALUES " +
                "('ÉLODIE', 'DURAND', 'Contoso', 'New', 'Medium', 0, 0, 0, 0, 0, 0, 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 0), " +
                "('élodie', 'Durand', 'contoso', 'New', 'Medium', 0, 0, 0, 0, 0, 0, 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 0), " +
                "('Ann', 'LEE', 'Contoso', 'New', 'Medium', 0, 0, 0, 0, 0, 0, 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 0)");
            var unfolded = await before.Database.SqlQueryRaw<string>("SELECT NameKey AS Value FROM Contacts ORDER BY Id").ToListAsync();
            Assert.Equal(["Élodie durand | contoso", "élodie durand | contoso", "ann lee | contoso"], unfolded);
        }

        // The API's own start: its hosted migration.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:LeadMail"] = connectionString,
        }).Build();
        await using (var services = new ServiceCollection().AddLogging().AddLeadMailDatabase(configuration, directory).BuildServiceProvider())
        {
            foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        }

        await using var after = new SqliteLeadMailDb(new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite(connectionString).Options);
        Assert.Empty(await after.Database.GetPendingMigrationsAsync());
        var keys = await after.Contacts.OrderBy(c => c.Id).Select(c => c.NameKey).ToListAsync();
        Assert.Equal(["élodie durand | contoso", "élodie durand | contoso", "ann lee | contoso"], keys);
        var groups = await after.Contacts.GroupBy(c => c.NameKey).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync();
        Assert.Equal(["élodie durand | contoso"], groups);
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
