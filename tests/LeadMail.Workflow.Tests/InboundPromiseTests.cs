using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Workflow.Tests;

/// <summary>A person's promise is kept by the rep following up, never by the lead writing in.</summary>
public sealed class InboundPromiseTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"leadmail-workflow-promise-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_synced_inbound_email_after_a_promise_leaves_it_open()
    {
        var options = new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite($"Data Source={path}").Options;
        var due = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        int contactId;
        await using (var setup = new SqliteLeadMailDb(options))
        {
            await setup.Database.MigrateAsync();
            var contact = new Contact
            {
                FirstName = "Ada", Stage = Stage.Proposal, Priority = Priority.High, NextFollowUpDue = due, NextFollowUpNote = "send the contract",
                CreatedAt = due.AddDays(-30), UpdatedAt = due.AddDays(-2),
            };
            setup.Contacts.Add(contact);
            await setup.SaveChangesAsync();
            contactId = contact.Id;
            setup.FollowUps.Add(new FollowUp { ContactId = contactId, DueAt = due, Note = "send the contract", Kind = FollowUpKind.Manual, CreatedAt = due.AddDays(-2) });
            await setup.SaveChangesAsync();
        }

        await using var db = new SqliteLeadMailDb(options);
        await new TouchIngest(db, TimeProvider.System).RecordAsync(
            new Touch(contactId, null, Channel.Email, Direction.Inbound, due.AddDays(-1), "mail:in:1", Origin.Sync), KnownTouchPolicy.Update, CancellationToken.None);

        Assert.Equal(due, await db.Contacts.Select(c => c.NextFollowUpDue).SingleAsync());
        Assert.True((await db.FollowUps.SingleAsync()).IsOpen);
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
