using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadMail.Core.Tests.Persistence;

/// <summary>Each provider keeps its own migrations; both must describe the current model.</summary>
public sealed class MigrationTests(LeadDatabase leads) : IClassFixture<LeadDatabase>
{
    // Never opened: model diffing and script generation need no server.
    private static SqlServerLeadMailDb SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerLeadMailDb>().UseSqlServer("Server=(unused);Database=LeadMail;Trusted_Connection=True").Options);

    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = leads.Open();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration for SqliteLeadMailDb (the commands are in the README's SQL Server section).");
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration for SqlServerLeadMailDb (the commands are in the README's SQL Server section).");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = leads.Open();
        using var sqlServer = SqlServer();
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);

        Assert.NotEmpty(Names(sqlite));
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void A_migrated_sqlite_file_has_nothing_pending_and_every_table()
    {
        using var db = leads.Open();

        Assert.Empty(db.Database.GetPendingMigrations());
        var tables = db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToList();
        Assert.Superset(new HashSet<string> { "Reps", "Contacts", "ContactEmails", "Interactions", "__EFMigrationsHistory" }, tables.ToHashSet());
    }

    [Fact]
    public void The_sql_server_idempotent_script_creates_the_tables_and_indexes()
    {
        using var db = SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in new[] { "Reps", "Contacts", "ContactEmails", "Interactions" })
            Assert.Contains($"CREATE TABLE [{table}]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_ContactEmails_Address]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Interactions_ContactId_NaturalKey]", script);
        Assert.Contains("ON DELETE CASCADE", script);
        // Idempotent: every migration is guarded by the history table, so a DBA can run it twice.
        var migrations = db.Database.GetMigrations().ToList();
        foreach (var migration in migrations)
            Assert.Contains($"IF NOT EXISTS (\n    SELECT * FROM [__EFMigrationsHistory]\n    WHERE [MigrationId] = N'{migration}'", script.ReplaceLineEndings("\n"));
    }
}
