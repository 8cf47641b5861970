using System.Text.Json;
using LeadMail.Core.Interactions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadMail.Core.Persistence.Sqlite;

/// <summary>
/// SQLite: the page's stored touches found by one seek of the unique index per pair, and new touches written
/// by hand and not tracked: attaching a page's thousand entities and detecting their changes on every later
/// save cost more than the insert itself, so the effects write the one flag they set afterwards themselves.
/// </summary>
internal sealed class SqliteTouchStore(LeadMailDb db) : ITouchStore
{
    public async Task<Dictionary<(int ContactId, string NaturalKey), Interaction>> StoredAsync(List<(int ContactId, string Key)> pairs, CancellationToken ct)
    {
        // The pairs passed as one JSON parameter: the cost follows the page, not the contacts' histories
        // (a backfill page touches hundreds of contacts with long ones).
        var entity = db.Model.FindEntityType(typeof(Interaction))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var contactId = sql.DelimitIdentifier(entity.FindProperty(nameof(Interaction.ContactId))!.GetColumnName(table)!);
        var naturalKey = sql.DelimitIdentifier(entity.FindProperty(nameof(Interaction.NaturalKey))!.GetColumnName(table)!);
        var json = JsonSerializer.Serialize(pairs.Select(p => new object[] { p.ContactId, p.Key }));
        // Only identifiers from the model are spliced in; the pairs are a parameter.
        var query = $"SELECT i.* FROM json_each({{0}}) AS p JOIN {sql.DelimitIdentifier(table.Name, table.Schema)} AS i " +
            $"ON i.{contactId} = json_extract(p.value, '$[0]') AND i.{naturalKey} = json_extract(p.value, '$[1]')";
        return await db.Interactions.FromSqlRaw(query, json).ToDictionaryAsync(i => (i.ContactId, i.NaturalKey), ct);
    }

    public async Task InsertAsync(List<Interaction> added, CancellationToken ct)
    {
        if (added.Count == 0) return;
        // EF Core sends SQLite one INSERT … RETURNING per entity through its whole update pipeline;
        // one prepared statement executed per row costs a fraction of that.
        try
        {
            await SqliteInserts.InsertAsync(db, added, ct);
        }
        catch (SqliteException e)
        {
            // As EF Core reports it, so a lost race on a new key is retried like any other.
            throw new DbUpdateException("Recording the touches failed: " + e.Message, e);
        }
    }
}
