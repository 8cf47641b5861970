using LeadMail.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadMail.Core.Interactions;

/// <summary>
/// Keeps <see cref="TouchTally"/> equal to the touches themselves: every write that adds, re-dates or
/// removes touches passes its changes here in the same transaction (the ingest path for new and
/// updated touches, the right to be forgotten for deleted ones). Changes are summed per tally in
/// memory first, so a page of 1,000 touches costs one upsert per hour, day, week and month it touched.
/// </summary>
public sealed class TouchTallies(LeadMailDb db)
{
    private static readonly string[] Columns = ["Span", "Start", "RepKey", "Channel", "Direction", "AutoLogged", "Count"];

    public static DateTime DayOf(DateTime instant) => DateTime.SpecifyKind(instant.Date, DateTimeKind.Utc);

    /// <summary>The Monday the instant's ISO week starts on, UTC.</summary>
    public static DateTime WeekOf(DateTime instant) => DayOf(instant).AddDays(-(((int)instant.DayOfWeek + 6) % 7));

    public static DateTime MonthOf(DateTime instant) => new(instant.Year, instant.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime HourOf(DateTime instant) =>
        DateTime.SpecifyKind(new DateTime(instant.Ticks - instant.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc);

    /// <summary>
    /// Counts the new <paramref name="added"/> touches, and moves the tracked touches whose time or kind
    /// changed (a rescheduled meeting) from their stored hour and day to their new ones. Call before the
    /// changes are saved: the stored values are read from the change tracker.
    /// </summary>
    public Task CountAsync(IEnumerable<Interaction> added, CancellationToken ct)
    {
        var deltas = new Dictionary<TallyKey, int>();
        foreach (var touch in added) Add(deltas, touch.OccurredAt, touch.RepId, touch.Channel, touch.Direction, touch.Origin, +1);
        foreach (var entry in db.ChangeTracker.Entries<Interaction>().Where(e => e.State == EntityState.Modified))
        {
            if (!Moved(entry)) continue;
            Add(deltas, Original<DateTime>(entry, nameof(Interaction.OccurredAt)), Original<int?>(entry, nameof(Interaction.RepId)),
                Original<Channel>(entry, nameof(Interaction.Channel)), Original<Direction>(entry, nameof(Interaction.Direction)),
                Original<Origin>(entry, nameof(Interaction.Origin)), -1);
            var touch = entry.Entity;
            Add(deltas, touch.OccurredAt, touch.RepId, touch.Channel, touch.Direction, touch.Origin, +1);
        }
        return ApplyAsync(deltas, ct);
    }

    /// <summary>Takes a contact's touches out of the tallies; call in the transaction that deletes them, before it does.</summary>
    public async Task ForgetContactAsync(int contactId, CancellationToken ct) =>
        await ForgetAsync(await db.Interactions.AsNoTracking().Where(i => i.ContactId == contactId)
            .Select(i => new Interaction { NaturalKey = "", OccurredAt = i.OccurredAt, RepId = i.RepId, Channel = i.Channel, Direction = i.Direction, Origin = i.Origin })
            .ToListAsync(ct), ct);

    /// <summary>Takes the given touches out of the tallies; call in the transaction that deletes them, before it does.</summary>
    public async Task ForgetAsync(IEnumerable<Interaction> removed, CancellationToken ct)
    {
        var deltas = new Dictionary<TallyKey, int>();
        foreach (var t in removed) Add(deltas, t.OccurredAt, t.RepId, t.Channel, t.Direction, t.Origin, -1);
        await ApplyAsync(deltas, ct);
        if (!db.Database.IsSqlite()) await db.SaveChangesAsync(ct);
    }

    /// <summary>Recounts every tally from the touches, set-based: for a database filled without the ingest path (the benchmark dataset).</summary>
    public async Task RebuildAsync(CancellationToken ct)
    {
        await db.TouchTallies.ExecuteDeleteAsync(ct);
        await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? SqliteRebuild : SqlServerRebuild, ct);
    }

    /// <summary>
    /// The same statement the migration that added the tallies ran once, instants truncated as EF Core
    /// stores them (weeks start on Monday: 1900-01-01, day 0 on SQL Server, was one).
    /// </summary>
    internal const string SqliteRebuild = """
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

    internal const string SqlServerRebuild = """
        INSERT INTO [TouchTallies] ([Span], [Start], [RepKey], [Channel], [Direction], [AutoLogged], [Count])
        SELECT N'Hour', DATEADD(hour, DATEDIFF(hour, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
        FROM [Interactions]
        GROUP BY DATEADD(hour, DATEDIFF(hour, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END
        UNION ALL
        SELECT N'Day', DATEADD(day, DATEDIFF(day, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
        FROM [Interactions]
        GROUP BY DATEADD(day, DATEDIFF(day, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END
        UNION ALL
        SELECT N'Week', DATEADD(day, DATEDIFF(day, 0, [OccurredAt]) / 7 * 7, CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
        FROM [Interactions]
        GROUP BY DATEADD(day, DATEDIFF(day, 0, [OccurredAt]) / 7 * 7, CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END
        UNION ALL
        SELECT N'Month', DATEADD(month, DATEDIFF(month, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
        FROM [Interactions]
        GROUP BY DATEADD(month, DATEDIFF(month, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END;
        """;

    private static bool Moved(EntityEntry<Interaction> entry) =>
        entry.Property(i => i.OccurredAt).IsModified || entry.Property(i => i.RepId).IsModified || entry.Property(i => i.Channel).IsModified
        || entry.Property(i => i.Direction).IsModified || entry.Property(i => i.Origin).IsModified;

    private static T Original<T>(EntityEntry<Interaction> entry, string property) => (T)entry.Property(property).OriginalValue!;

    private static void Add(Dictionary<TallyKey, int> deltas, DateTime at, int? repId, Channel channel, Direction direction, Origin origin, int delta)
    {
        var (rep, auto) = (repId ?? 0, origin == Origin.Sync);
        foreach (var (span, start) in new[] { (TallySpan.Hour, HourOf(at)), (TallySpan.Day, DayOf(at)), (TallySpan.Week, WeekOf(at)), (TallySpan.Month, MonthOf(at)) })
        {
            var key = new TallyKey(span, start, rep, channel, direction, auto);
            deltas[key] = deltas.GetValueOrDefault(key) + delta;
        }
    }

    private async Task ApplyAsync(Dictionary<TallyKey, int> deltas, CancellationToken ct)
    {
        var changes = deltas.Where(d => d.Value != 0).ToList();
        if (changes.Count == 0) return;
        if (db.Database.IsSqlite()) await UpsertSqliteAsync(changes, ct);
        else await UpsertTrackedAsync(changes, ct);
    }

    /// <summary>
    /// SQLite: one <c>INSERT … SELECT … FROM json_each(…) ON CONFLICT DO UPDATE</c> on the context's
    /// transaction with every changed tally in one JSON parameter (a backfill batch changes thousands of
    /// hourly tallies, and executing a statement per tally cost more than SQLite's own work), then the
    /// tallies that went down and reached zero are deleted one by one. Values go through the model's type
    /// mappings, and instants are written as Microsoft.Data.Sqlite writes them, so they are stored as EF
    /// Core stores them.
    /// </summary>
    private async Task UpsertSqliteAsync(List<KeyValuePair<TallyKey, int>> changes, CancellationToken ct)
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

    /// <summary>
    /// Other providers (SQL Server): the tallies of the changed hours and days are loaded, adjusted and
    /// saved through the change tracker with the rest of the unit of work.
    /// </summary>
    private async Task UpsertTrackedAsync(List<KeyValuePair<TallyKey, int>> changes, CancellationToken ct)
    {
        var starts = changes.Select(c => c.Key.Start).Distinct().ToList();
        var stored = (await db.TouchTallies.Where(t => starts.Contains(t.Start)).ToListAsync(ct))
            .ToDictionary(t => new TallyKey(t.Span, t.Start, t.RepKey, t.Channel, t.Direction, t.AutoLogged));
        foreach (var (key, delta) in changes)
        {
            if (stored.TryGetValue(key, out var tally))
            {
                tally.Count += delta;
                if (tally.Count == 0) db.TouchTallies.Remove(tally);
            }
            else
            {
                db.TouchTallies.Add(new TouchTally
                {
                    Span = key.Span, Start = key.Start, RepKey = key.RepKey, Channel = key.Channel, Direction = key.Direction, AutoLogged = key.AutoLogged, Count = delta,
                });
            }
        }
    }

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

    private readonly record struct TallyKey(TallySpan Span, DateTime Start, int RepKey, Channel Channel, Direction Direction, bool AutoLogged);
}
