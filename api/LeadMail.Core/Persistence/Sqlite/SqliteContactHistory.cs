using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadMail.Core.Persistence.Sqlite;

/// <summary>
/// SQLite: a page's view of its contacts' histories without reading whole histories. Each question is
/// one walk of a short stretch of the contact's (ContactId, OccurredAt, …) index entries: from the end back to the latest connect or outbound touch,
/// or the few touches before a first connect, or the touches near the new ones. A backfill page names
/// hundreds of contacts whose histories grow with every page; reading all of them made the page's
/// commit cost grow with the mailbox.
/// </summary>
/// <remarks>
/// Instants are compared as the text Microsoft.Data.Sqlite stores (<c>yyyy-MM-dd HH:mm:ss</c> and the
/// fraction without trailing zeros), which sorts as time does; enums by the names the model stores.
/// Only identifiers from the model are spliced into the SQL; every value is a parameter.
/// </remarks>
internal sealed class SqliteContactHistory(LeadMailDb db) : IContactHistory
{
    public bool ReadsNearby => true;

    public async Task<Dictionary<int, ConnectSummary>> ConnectsAsync(
        IReadOnlyCollection<(int ContactId, DateTime? NewFirstConnect)> contacts, DateTime horizon, CancellationToken ct)
    {
        var c = Columns.Of(db);
        const string outbound = nameof(Direction.Outbound);
        // ORDER BY … DESC LIMIT 1 walks back from the contact's newest touch and stops at the first match;
        // the counts read only the touches after the latest connect or before the first one. Strictly
        // before and after, as TouchCounters compares them.
        var sql = $"""
            WITH p AS MATERIALIZED (SELECT r.value ->> 0 AS ContactId, r.value ->> 1 AS NewFirstConnect FROM json_each($contacts) AS r),
            a AS MATERIALIZED (
                SELECT p.ContactId, p.NewFirstConnect,
                    (SELECT i.{c.OccurredAt} FROM {c.Table} AS i WHERE i.{c.ContactId} = p.ContactId AND i.{c.IsConnect}
                        ORDER BY i.{c.OccurredAt} DESC LIMIT 1) AS LastConnectAt,
                    (SELECT i.{c.OccurredAt} FROM {c.Table} AS i WHERE i.{c.ContactId} = p.ContactId AND i.{c.Direction} = '{outbound}'
                        AND i.{c.OccurredAt} > $horizon ORDER BY i.{c.OccurredAt} DESC LIMIT 1) AS LastOutboundAt
                FROM p)
            SELECT a.ContactId, a.LastConnectAt, a.LastOutboundAt,
                CASE WHEN a.LastConnectAt IS NULL THEN NULL ELSE (SELECT COUNT(*) FROM {c.Table} AS o
                    WHERE o.{c.ContactId} = a.ContactId AND o.{c.OccurredAt} > a.LastConnectAt AND o.{c.Direction} = '{outbound}') END,
                CASE WHEN a.NewFirstConnect IS NULL THEN NULL ELSE (SELECT COUNT(*) FROM {c.Table} AS o
                    WHERE o.{c.ContactId} = a.ContactId AND o.{c.OccurredAt} < a.NewFirstConnect AND o.{c.Direction} = '{outbound}') END
            FROM a
            """;
        var json = JsonSerializer.Serialize(contacts.Select(x => new object?[] { x.ContactId, (x.NewFirstConnect is { } at ? SqliteInstant.Format(at) : null) }));
        var summaries = new Dictionary<int, ConnectSummary>(contacts.Count);
        await ReadAsync(sql, command =>
        {
            command.Parameters.AddWithValue("$contacts", json);
            command.Parameters.AddWithValue("$horizon", SqliteInstant.Format(horizon));
        }, reader => summaries[reader.GetInt32(0)] = new ConnectSummary(Instant(reader, 1),
            reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), Instant(reader, 2)), ct);
        return summaries;
    }

    /// <summary>One index range per contact.</summary>
    public async Task<List<HistoryTouch>> WindowAsync(IEnumerable<(int ContactId, DateTime From, DateTime To)> ranges, CancellationToken ct)
    {
        var c = Columns.Of(db);
        var sql = $"""
            SELECT i.{c.ContactId}, i.{c.Id}, {Names<Channel>.Case("i." + c.Channel)}, {Names<Direction>.Case("i." + c.Direction)},
                {Names<Outcome>.Case("i." + c.Outcome)}, i.{c.OccurredAt}, i.{c.IsConnect}
            FROM json_each($ranges) AS r JOIN {c.Table} AS i ON i.{c.ContactId} = r.value ->> 0
                AND i.{c.OccurredAt} >= r.value ->> 1 AND i.{c.OccurredAt} <= r.value ->> 2
            """;
        var json = JsonSerializer.Serialize(ranges.Select(r => new object[]
        {
            r.ContactId, SqliteInstant.Format(r.From), SqliteInstant.Format(r.To),
        }));
        var touches = new List<HistoryTouch>();
        await ReadAsync(sql, command => command.Parameters.AddWithValue("$ranges", json), reader => touches.Add(new HistoryTouch(
            reader.GetInt32(0),
            reader.GetInt64(1),
            Names<Channel>.Read(reader, 2),
            Names<Direction>.Read(reader, 3),
            reader.IsDBNull(4) ? null : Names<Outcome>.Read(reader, 4),
            SqliteInstant.ParseUtc(reader.GetString(5)),
            reader.GetInt64(6) != 0)), ct);
        return touches;
    }

    /// <summary>
    /// Read by hand rather than through the model (<see cref="SqlServer.SqlServerContactHistory.ThroughModelAsync"/>):
    /// EF Core parsed each row's instants with <see cref="DateTime.Parse(string)"/>, most of the read on a
    /// backfill batch of thousands of contacts.
    /// </summary>
    public async Task<Dictionary<int, TouchedContact>> ContactsAsync(IReadOnlyCollection<int> contactIds, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(Contact))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => "c." + sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var query = $"""
            SELECT {Column(nameof(Contact.Id))}, {Column(nameof(Contact.DoNotCall))}, {Column(nameof(Contact.DoNotEmail))}, {Column(nameof(Contact.Unsubscribed))},
                {Names<Stage>.Case(Column(nameof(Contact.Stage)))}, {Column(nameof(Contact.PrioritySetByHand))}, {Names<Priority>.Case(Column(nameof(Contact.Priority)))},
                {Column(nameof(Contact.ScoreBase))}, {Column(nameof(Contact.TouchesTotal))}, {Column(nameof(Contact.LastTouchAt))}, {Column(nameof(Contact.LastInboundAt))},
                {Column(nameof(Contact.FirstConnectAt))}, {Column(nameof(Contact.TouchesBeforeConnect))}, {Column(nameof(Contact.OutboundSinceConnect))}
            FROM json_each($ids) AS p JOIN {sql.DelimitIdentifier(table.Name, table.Schema)} AS c ON {Column(nameof(Contact.Id))} = p.value
            """;
        var contacts = new Dictionary<int, TouchedContact>(contactIds.Count);
        await ReadAsync(query, command => command.Parameters.AddWithValue("$ids", "[" + string.Join(",", contactIds) + "]"), reader =>
        {
            var id = reader.GetInt32(0);
            contacts[id] = new TouchedContact(id, reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), Names<Stage>.Read(reader, 4),
                reader.GetBoolean(5), Names<Priority>.Read(reader, 6), reader.GetDouble(7),
                new TouchCounters(reader.GetInt32(8), Instant(reader, 9), Instant(reader, 10), Instant(reader, 11),
                    reader.IsDBNull(12) ? null : reader.GetInt32(12), reader.GetInt32(13)));
        }, ct);
        return contacts;
    }

    /// <summary>Runs a query on the context's connection, inside its transaction when there is one.</summary>
    private Task ReadAsync(string sql, Action<SqliteCommand> bind, Action<DbDataReader> row, CancellationToken ct) =>
        db.WithOpenConnectionAsync(async (connection, transaction) =>
        {
            await using var command = ((SqliteConnection)connection).CreateCommand();
            command.Transaction = (SqliteTransaction?)transaction;
            command.CommandText = sql;
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            // SQLite answers synchronously: the async read per row would only add a state machine.
            while (reader.Read()) row(reader);
        }, ct);

    private static DateTime? Instant(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : SqliteInstant.ParseUtc(reader.GetString(ordinal));

    /// <summary>The interactions table and the columns read here, as the model names them, delimited.</summary>
    private sealed record Columns(string Table, string Id, string ContactId, string Channel, string Direction, string Outcome, string OccurredAt, string IsConnect)
    {
        public static Columns Of(LeadMailDb db)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var entity = db.Model.FindEntityType(typeof(Interaction))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
            return new Columns(sql.DelimitIdentifier(table.Name, table.Schema), Column(nameof(Interaction.Id)), Column(nameof(Interaction.ContactId)),
                Column(nameof(Interaction.Channel)), Column(nameof(Interaction.Direction)), Column(nameof(Interaction.Outcome)),
                Column(nameof(Interaction.OccurredAt)), Column(nameof(Interaction.IsConnect)));
        }
    }

    /// <summary>An enum's stored names turned into its numbers in SQL, so rows carry no strings to parse.</summary>
    private static class Names<T> where T : struct, Enum
    {
        private const int Unknown = -1;

        /// <summary>Null stays null; a name the model does not know reads as <see cref="Unknown"/>, refused by <see cref="Read"/>.</summary>
        public static string Case(string column) =>
            $"CASE WHEN {column} IS NULL THEN NULL " +
            string.Concat(Enum.GetValues<T>().Select(v => $"WHEN {column} = '{v}' THEN {Convert.ToInt32(v, CultureInfo.InvariantCulture)} ")) +
            $"ELSE {Unknown} END";

        public static T Read(DbDataReader reader, int ordinal)
        {
            var value = reader.GetInt32(ordinal);
            return value == Unknown
                ? throw new InvalidOperationException($"A stored {typeof(T).Name} is not one of its names.")
                : (T)Enum.ToObject(typeof(T), value);
        }
    }
}
