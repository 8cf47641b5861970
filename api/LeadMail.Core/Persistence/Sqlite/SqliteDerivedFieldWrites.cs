using System.Data.Common;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadMail.Core.Persistence.Sqlite;

/// <summary>
/// SQLite: one prepared <c>UPDATE … WHERE Id = @p0</c> executed per contact on the context's transaction.
/// An embedded database has no round trips to save, and re-binding one statement's twelve parameters
/// costs less than compiling a statement with hundreds of them.
/// </summary>
internal sealed class SqliteDerivedFieldWrites(LeadMailDb db) : IDerivedFieldWrites
{
    public async Task WriteAsync(IReadOnlyList<DerivedFields> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(Contact))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = DerivedFields.Columns.Select(c => entity.FindProperty(c)!).ToArray();
        var names = properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)).ToArray();
        var target = sql.DelimitIdentifier(table.Name, table.Schema);
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
                var fields = row.Values();
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
}
