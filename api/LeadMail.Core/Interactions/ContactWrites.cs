using System.Data.Common;
using System.Text;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadMail.Core.Interactions;

/// <summary>What <see cref="TouchEffects"/> derives for one contact from its touches and follow-up.</summary>
internal sealed record DerivedFields(int ContactId, TouchCounters Counters, double ScoreBase, double Score, Priority Priority, DateTime? NextFollowUpDue, string? NextFollowUpNote);

/// <summary>
/// Writes per-contact values that differ from contact to contact (so one ExecuteUpdate cannot carry
/// them): the counters and the derived fields. A sync page touches hundreds of contacts, so SQL Server
/// gets a few statements of many rows, and SQLite one prepared statement re-valued per contact.
/// </summary>
internal static class ContactWrites
{
    /// <summary>
    /// Rows per statement (SQL Server): 600 parameters, far below its 2,100. Not more, because binding cost
    /// grows faster than linearly with a command's parameter count (on SQLite, where this was measured on
    /// the sync backfill, 300 rows of six columns a statement was four times slower per page than 50).
    /// </summary>
    private const int RowsPerStatement = 50;

    private static readonly string[] Columns =
    [
        nameof(Contact.Id),
        nameof(Contact.TouchesTotal), nameof(Contact.LastTouchAt), nameof(Contact.LastInboundAt),
        nameof(Contact.FirstConnectAt), nameof(Contact.TouchesBeforeConnect), nameof(Contact.OutboundSinceConnect),
        nameof(Contact.ScoreBase), nameof(Contact.Score), nameof(Contact.Priority),
        nameof(Contact.NextFollowUpDue), nameof(Contact.NextFollowUpNote),
    ];

    /// <summary>
    /// <c>UPDATE Contacts SET … FROM (SELECT @p0 AS Id, … UNION ALL …) AS v WHERE Contacts.Id = v.Id</c>
    /// on SQL Server (valid SQLite too, which takes the per-row path below instead). Values are bound through
    /// each property's own type mapping, so the enum and UTC conversions are the model's.
    /// Bypasses the change tracker, as the ExecuteUpdate it replaces did: the ingest's counters and
    /// derived fields never bump the contact's Version.
    /// </summary>
    public static async Task UpdateDerivedAsync(LeadMailDb db, IReadOnlyList<DerivedFields> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(Contact))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = Columns.Select(c => entity.FindProperty(c)!).ToArray();
        var names = properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)).ToArray();
        var target = sql.DelimitIdentifier(table.Name, table.Schema);
        if (db.Database.IsSqlite())
        {
            await UpdateEachAsync(db, rows, sql, properties, names, target, ct);
            return;
        }

        var alias = sql.DelimitIdentifier("v");
        var setClause = string.Join(", ", names.Skip(1).Select(n => $"{n} = {alias}.{n}"));
        var connection = db.Database.GetDbConnection();
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            await using var factory = connection.CreateCommand();
            var parameters = new List<DbParameter>(chunk.Length * Columns.Length);
            var values = new StringBuilder();
            foreach (var row in chunk)
            {
                var fields = Fields(row);
                var first = parameters.Count == 0;
                values.Append(first ? "SELECT " : " UNION ALL SELECT ");
                for (var i = 0; i < fields.Length; i++)
                {
                    var name = $"p{parameters.Count}";
                    parameters.Add(properties[i].GetRelationalTypeMapping().CreateParameter(factory, sql.GenerateParameterName(name), fields[i], properties[i].IsNullable));
                    values.Append(i == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                    // The first row names the derived table's columns.
                    if (first) values.Append(" AS ").Append(names[i]);
                }
            }
            var statement = $"UPDATE {target} SET {setClause} FROM ({values}) AS {alias} WHERE {target}.{names[0]} = {alias}.{names[0]}";
            await db.Database.ExecuteSqlRawAsync(statement, parameters, ct);
        }
    }

    /// <summary>
    /// SQLite: one prepared <c>UPDATE … WHERE Id = @p0</c> executed per contact on the context's transaction.
    /// An embedded database has no round trips to save, and re-binding one statement's twelve parameters
    /// costs less than compiling a statement with hundreds of them.
    /// </summary>
    private static async Task UpdateEachAsync(
        LeadMailDb db, IReadOnlyList<DerivedFields> rows, ISqlGenerationHelper sql, IProperty[] properties, string[] names, string target, CancellationToken ct)
    {
        await db.WithOpenConnectionAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
            var placeholders = properties.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}")).ToArray();
            command.CommandText = $"UPDATE {target} SET {string.Join(", ", names.Skip(1).Select((n, i) => $"{n} = {placeholders[i + 1]}"))} WHERE {names[0]} = {placeholders[0]}";
            var parameters = new DbParameter[properties.Length];
            foreach (var row in rows)
            {
                var fields = Fields(row);
                for (var i = 0; i < fields.Length; i++)
                {
                    if (parameters[i] is null)
                    {
                        // Created from the property's type mapping once (type, converter), then only re-valued.
                        parameters[i] = mappings[i].CreateParameter(command, sql.GenerateParameterName($"p{i}"), fields[i], properties[i].IsNullable);
                        command.Parameters.Add(parameters[i]);
                    }
                    else
                    {
                        parameters[i].Value = SqliteInserts.ProviderValue(mappings[i], fields[i]);
                    }
                }
                await command.ExecuteNonQueryAsync(ct);
            }
        }, ct);
    }

    private static object?[] Fields(DerivedFields row)
    {
        var c = row.Counters;
        return [row.ContactId, c.TouchesTotal, c.LastTouchAt, c.LastInboundAt, c.FirstConnectAt, c.TouchesBeforeConnect, c.OutboundSinceConnect,
            row.ScoreBase, row.Score, row.Priority, row.NextFollowUpDue, row.NextFollowUpNote];
    }
}
