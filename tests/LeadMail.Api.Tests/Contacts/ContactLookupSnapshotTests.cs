using System.Net;
using LeadMail.Api.Tests.Hosting;
using Microsoft.Data.Sqlite;

namespace LeadMail.Api.Tests.Contacts;

/// <summary>
/// On SQLite the lookup reads inside one read transaction on connections it keeps open. Every way out of
/// a lookup must end that transaction: a snapshot left open would keep the WAL from being checkpointed,
/// and the file would grow with every write from then on.
/// </summary>
public sealed class ContactLookupSnapshotTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task Found_unknown_and_hidden_lookups_all_end_their_read_so_the_WAL_checkpoints_to_empty()
    {
        using var owner = api.ClientFor("snapshot.owner@contoso.com");
        using var other = api.ClientFor("snapshot.other@contoso.com");
        var mine = await owner.CreateContactAsync(new { email = Unique.Email("mine") });
        var theirs = await other.CreateContactAsync(new { email = Unique.Email("theirs") });

        Assert.Equal(mine.Id, (await owner.LookupAsync(mine.Email!, internetMessageId: "<m1@contoso.com>")).Contact.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/contacts/lookup?email={Unique.Email("nobody")}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/contacts/lookup?email={theirs.Email}")).StatusCode);

        await using var connection = new SqliteConnection(api.ConnectionString + ";Default Timeout=2");
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await using var result = await checkpoint.ExecuteReaderAsync();
        Assert.True(await result.ReadAsync());
        // busy = 1 when a reader still holds a snapshot; the WAL is then neither copied back nor emptied.
        Assert.Equal((0L, 0L), (result.GetInt64(0), result.GetInt64(1)));
    }
}
