using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.SyncWorker.Demo;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.SyncWorker.Tests;

/// <summary>The README's demo, run as a newcomer runs it: twice on one file, each run succeeding, the second adding nothing.</summary>
public sealed class DemoTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"leadmail-demo-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task The_demo_syncs_its_mailboxes_then_fetches_the_history_of_the_prospect_it_makes_a_lead()
    {
        string[] args = [$"--ConnectionStrings:LeadMail=Data Source={path}", "--Database:Provider=Sqlite", "--Logging:LogLevel:Default=Warning"];
        var prospect = SampleMailbox.Demo(DateTime.UtcNow).Prospect.Email;

        Assert.Equal(0, await DemoCommand.RunAsync(args));
        var first = await ProspectTouchesAsync(prospect);

        Assert.Contains(first, t => t is { Channel: Channel.Email, Direction: Direction.Inbound });
        Assert.Contains(first, t => t is { Channel: Channel.Email, Direction: Direction.Outbound });
        Assert.Contains(first, t => t.Channel == Channel.Meeting);

        Assert.Equal(0, await DemoCommand.RunAsync(args));
        Assert.Equal(first, await ProspectTouchesAsync(prospect));
    }

    private async Task<List<(Channel Channel, Direction Direction, string NaturalKey)>> ProspectTouchesAsync(string address)
    {
        await using var db = new SqliteLeadMailDb(new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite($"Data Source={path};Pooling=False").Options);
        var contactId = await db.ContactEmails.Where(e => e.Address == address).Select(e => e.ContactId).SingleAsync();
        return (await db.Interactions.Where(i => i.ContactId == contactId).Select(i => new { i.Channel, i.Direction, i.NaturalKey }).ToListAsync())
            .Select(i => (i.Channel, i.Direction, i.NaturalKey)).OrderBy(i => i.NaturalKey, StringComparer.Ordinal).ToList();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
    }
}
