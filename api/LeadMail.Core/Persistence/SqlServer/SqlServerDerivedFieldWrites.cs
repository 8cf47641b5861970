using System.Data.Common;
using System.Text;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadMail.Core.Persistence.SqlServer;

/// <summary>
/// SQL Server: a sync page touches hundreds of contacts, so they are written in a few statements of many
/// rows, <c>UPDATE Contacts SET … FROM (SELECT @p0 AS Id, … UNION ALL …) AS v WHERE Contacts.Id = v.Id</c>.
/// Values are bound through each property's own type mapping, so the enum and UTC conversions are the model's.
/// </summary>
internal sealed class SqlServerDerivedFieldWrites(LeadMailDb db) : IDerivedFieldWrites
{
    /// <summary>
    /// Rows per statement: 600 parameters, far below SQL Server's 2,100. Not more, because binding cost
    /// grows faster than linearly with a command's parameter count (on SQLite, where this was measured on
    /// the sync backfill, 300 rows of six columns a statement was four times slower per page than 50).
    /// </summary>
    internal const int RowsPerStatement = 50;

    public async Task WriteAsync(IReadOnlyList<DerivedFields> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = Properties(db);
        var connection = db.Database.GetDbConnection();
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            await using var factory = connection.CreateCommand();
            var parameters = new List<DbParameter>(chunk.Length * DerivedFields.Columns.Length);
            foreach (var row in chunk)
            {
                var fields = row.Values();
                for (var i = 0; i < fields.Length; i++)
                    parameters.Add(properties[i].GetRelationalTypeMapping().CreateParameter(factory, sql.GenerateParameterName($"p{parameters.Count}"), fields[i], properties[i].IsNullable));
            }
            await db.Database.ExecuteSqlRawAsync(Statement(db, chunk.Length), parameters, ct);
        }
    }

    /// <summary>The statement for <paramref name="rows"/> rows, its parameters <c>@p0</c>… row by row in the order of <see cref="DerivedFields.Columns"/>.</summary>
    internal static string Statement(LeadMailDb db, int rows)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(Contact))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var names = Properties(db).Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)).ToArray();
        var target = sql.DelimitIdentifier(table.Name, table.Schema);
        var alias = sql.DelimitIdentifier("v");
        var setClause = string.Join(", ", names.Skip(1).Select(n => $"{n} = {alias}.{n}"));
        var values = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            values.Append(row == 0 ? "SELECT " : " UNION ALL SELECT ");
            for (var i = 0; i < names.Length; i++)
            {
                values.Append(i == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder($"p{row * names.Length + i}"));
                // The first row names the derived table's columns.
                if (row == 0) values.Append(" AS ").Append(names[i]);
            }
        }
        return $"UPDATE {target} SET {setClause} FROM ({values}) AS {alias} WHERE {target}.{names[0]} = {alias}.{names[0]}";
    }

    private static IProperty[] Properties(LeadMailDb db)
    {
        var entity = db.Model.FindEntityType(typeof(Contact))!;
        return DerivedFields.Columns.Select(c => entity.FindProperty(c)!).ToArray();
    }
}
