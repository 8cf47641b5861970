using System.Data.Common;
using LeadMail.Core.Interactions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadMail.Core.Persistence.Sqlite;

/// <summary>
/// SQLite: new rows (touches, an import's leads) written with one prepared <c>INSERT</c> per row on the context's
/// connection and transaction, each row's key read back as the rowid. Columns, names and value conversions (enum names, UTC instants) come from the model,
/// so the rows are what EF Core itself would have written.
/// </summary>
internal static class SqliteInserts
{
    /// <summary>A value as <see cref="RelationalTypeMapping.CreateParameter"/> would bind it: through the mapping's converter, null as DBNull.</summary>
    public static object ProviderValue(RelationalTypeMapping mapping, object? value)
    {
        if (value is not null && mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
        return value ?? DBNull.Value;
    }

    public static Task InsertAsync(LeadMailDb db, IReadOnlyList<Interaction> rows, CancellationToken ct) =>
        InsertAsync(db, rows, (row, id) => row.Id = id, ct);

    /// <summary>Inserts <paramref name="rows"/> and hands each its key; columns the database computes are left to it.</summary>
    public static async Task InsertAsync<T>(LeadMailDb db, IReadOnlyList<T> rows, Action<T, long> setKey, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // A column no row of the batch sets is left to its default (null): synced mail sets none of the notes,
        // consent, meeting or mailbox-item columns, and each bound parameter costs on every row.
        var properties = entity.GetProperties()
            .Where(p => !p.IsPrimaryKey() && p.GetComputedColumnSql() is null)
            .Where(p => !p.IsNullable || rows.Any(row => p.GetGetter().GetClrValue(row) is not null))
            .ToArray();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();
        var names = properties.Select((_, i) => $"p{i}").ToArray();

        await db.WithOpenConnectionAsync(async (open, transaction) =>
        {
            var connection = (SqliteConnection)open;
            await using var command = connection.CreateCommand();
            command.Transaction = (SqliteTransaction?)transaction;
            command.CommandText =
                $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                $"({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) " +
                $"VALUES ({string.Join(", ", names.Select(sql.GenerateParameterNamePlaceholder))})";
            var parameters = new DbParameter[properties.Length];
            foreach (var row in rows)
            {
                for (var i = 0; i < properties.Length; i++)
                {
                    if (parameters[i] is null)
                    {
                        // Created from the property's type mapping once (type, converter), then only re-valued.
                        parameters[i] = mappings[i].CreateParameter(command, sql.GenerateParameterName(names[i]), getters[i].GetClrValue(row), properties[i].IsNullable);
                        command.Parameters.Add(parameters[i]);
                    }
                    else
                    {
                        parameters[i].Value = ProviderValue(mappings[i], getters[i].GetClrValue(row));
                    }
                }
                await command.ExecuteNonQueryAsync(ct);
                // The key is the rowid: read it off the connection rather than open a reader per row for RETURNING.
                setKey(row, SQLitePCL.raw.sqlite3_last_insert_rowid(connection.Handle));
            }
        }, ct);
    }
}
