using LeadMail.Core.Interactions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadMail.Core.Persistence.Sqlite;

/// <summary>SQLite: the tallies written at once, by hand, on the context's transaction.</summary>
internal sealed class SqliteTallyStore(LeadMailDb db) : ITallyStore
{
    private static readonly string[] Columns = ["Span", "Start", "RepKey", "Channel", "Direction", "AutoLogged", "Count"];

    /// <summary>
    /// One <c>INSERT … SELECT … FROM json_each(…) ON CONFLICT DO UPDATE</c> on the context's
    /// transaction with every changed tally in one JSON parameter (a backfill batch changes thousands of
    /// hourly tallies, and executing a statement per tally cost more than SQLite's own work), then the
    /// tallies that went down and reached zero are deleted one by one. Values go through the model's type
    /// mappings, and instants are written as Microsoft.Data.Sqlite writes them, so they are stored as EF
    /// Core stores them.
    /// </summary>
    public async Task AddAsync(List<KeyValuePair<TallyKey, int>> changes, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(TouchTally))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = Columns.Select(c => entity.FindProperty(c)!).ToArray();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var names = properties.Select(p => $"\"{p.GetColumnName(table)}\"").ToArray();
        var keyMatch = string.Join(" AND ", names[..^1].Select((n, i) => $"{n} = $p{i}"));

        await db.WithOpenConnectionAsync(async (open, enlisted) =>
        {
            var connection = (SqliteConnection)open;
            var transaction = (SqliteTransaction?)enlisted;
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            // WHERE true: SQLite's parser needs it between a SELECT and ON CONFLICT.
            upsert.CommandText =
                $"INSERT INTO \"{table.Name}\" ({string.Join(", ", names)}) " +
                $"SELECT {string.Join(", ", names.Select((_, i) => $"d.value ->> {i}"))} FROM json_each($deltas) AS d WHERE true " +
                $"ON CONFLICT ({string.Join(", ", names[..^1])}) DO UPDATE SET {names[^1]} = {names[^1]} + excluded.{names[^1]}";
            upsert.Parameters.AddWithValue("$deltas", Json(changes, mappings));
            await upsert.ExecuteNonQueryAsync(ct);

            await using var prune = connection.CreateCommand();
            prune.Transaction = transaction;
            prune.CommandText = $"DELETE FROM \"{table.Name}\" WHERE {keyMatch} AND {names[^1]} = 0";
            foreach (var (key, delta) in changes.Where(c => c.Value < 0))
            {
                Bind(prune, [key.Span, key.Start, key.RepKey, key.Channel, key.Direction, key.AutoLogged]);
                await prune.ExecuteNonQueryAsync(ct);
            }
        }, ct);

        void Bind(SqliteCommand command, object[] values)
        {
            command.Parameters.Clear();
            for (var i = 0; i < values.Length; i++) command.Parameters.Add(mappings[i].CreateParameter(command, $"$p{i}", values[i], nullable: false));
        }
    }

    public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    public Task RebuildAsync(CancellationToken ct) => db.Database.ExecuteSqlRawAsync(Rebuild, ct);

    /// <summary>Every tally counted from the touches in one statement, instants truncated as EF Core stores them.</summary>
    internal const string Rebuild = """
        INSERT INTO "TouchTallies" ("Span", "Start", "RepKey", "Channel", "Direction", "AutoLogged", "Count")
        SELECT 'Hour', strftime('%Y-%m-%d %H:00:00', "OccurredAt"), COALESCE("RepId", 0), "Channel", "Direction", "Origin" = 'Sync', COUNT(*)
        FROM "Interactions" GROUP BY 2, 3, 4, 5, 6
        UNION ALL
        SELECT 'Day', strftime('%Y-%m-%d 00:00:00', "OccurredAt"), COALESCE("RepId", 0), "Channel", "Direction", "Origin" = 'Sync', COUNT(*)
        FROM "Interactions" GROUP BY 2, 3, 4, 5, 6
        UNION ALL
        SELECT 'Week', strftime('%Y-%m-%d 00:00:00', "OccurredAt", '-6 days', 'weekday 1'), COALESCE("RepId", 0), "Channel", "Direction", "Origin" = 'Sync', COUNT(*)
        FROM "Interactions" GROUP BY 2, 3, 4, 5, 6
        UNION ALL
        SELECT 'Month', strftime('%Y-%m-01 00:00:00', "OccurredAt"), COALESCE("RepId", 0), "Channel", "Direction", "Origin" = 'Sync', COUNT(*)
        FROM "Interactions" GROUP BY 2, 3, 4, 5, 6
        """;

    /// <summary>The changes as rows of provider values: enum names, instants as stored text, flags as 0 or 1.</summary>
    private static string Json(List<KeyValuePair<TallyKey, int>> changes, RelationalTypeMapping[] mappings)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(changes.Count * 80);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (key, delta) in changes)
            {
                json.WriteStartArray();
                object[] values = [key.Span, key.Start, key.RepKey, key.Channel, key.Direction, key.AutoLogged, delta];
                for (var i = 0; i < values.Length; i++)
                {
                    switch (SqliteInserts.ProviderValue(mappings[i], values[i]))
                    {
                        case string text: json.WriteStringValue(text); break;
                        case DateTime instant: json.WriteStringValue(SqliteInstant.Format(instant)); break;
                        case bool flag: json.WriteNumberValue(flag ? 1 : 0); break;
                        case int number: json.WriteNumberValue(number); break;
                        case var other: throw new InvalidOperationException($"A tally column holds a {other.GetType().Name}, which is not written as JSON here.");
                    }
                }
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
