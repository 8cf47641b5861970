using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadMail.Workflow.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"leadmail-workflow-migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Existing_leads_keep_their_follow_up_and_get_a_stage_history_when_the_workflow_migration_runs()
    {
        var options = new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite($"Data Source={path}").Options;
        var due = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        await using (var before = new SqliteLeadMailDb(options))
        {
            var migrator = before.GetService<IMigrator>();
            await migrator.MigrateAsync(before.Database.GetMigrations().First(m => m.EndsWith("_InitialLeadDatabase")));
            await before.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO Contacts (FirstName, Stage, Priority, Score, DoNotCall, DoNotEmail, Unsubscribed, NextFollowUpDue, NextFollowUpNote,
                    TouchesTotal, OutboundSinceConnect, CreatedAt, UpdatedAt, Version)
                VALUES ('Ada', 'Proposal', 'High', 0, 0, 0, 0, {due}, 'send the contract', 0, 0, {due.AddDays(-30)}, {due.AddDays(-2)}, 3)
                """);
        }

        await using var db = new SqliteLeadMailDb(options);
        await db.Database.MigrateAsync();
        var contactId = await db.Contacts.Select(c => c.Id).SingleAsync();
        var followUp = await db.FollowUps.SingleAsync();
        Assert.Equal((contactId, due, "send the contract", FollowUpKind.Manual, true), (followUp.ContactId, followUp.DueAt, followUp.Note, followUp.Kind, followUp.IsOpen));
        var history = await db.StageChanges.SingleAsync();
        Assert.Equal(((Stage?)null, Stage.Proposal, due.AddDays(-30)), (history.From, history.To, history.At));

        // A synced email that does not keep the promise leaves it in place.
        await new TouchIngest(db, TimeProvider.System).RecordAsync(
            new Touch(contactId, null, Channel.Email, Direction.Inbound, due.AddDays(-1), "mail:in:1", Origin.Sync), KnownTouchPolicy.Update, CancellationToken.None);
        Assert.Equal(due, await db.Contacts.Select(c => c.NextFollowUpDue).SingleAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file)) File.Delete(file);
        }
    }
}
