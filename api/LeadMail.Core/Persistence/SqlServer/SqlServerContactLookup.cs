using System.Data;
using System.Data.Common;
using LeadMail.Core.Contacts;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Core.Persistence.SqlServer;

/// <summary>SQL Server's lookup statements: each reads committed rows, as EF Core's reads do.</summary>
internal static class SqlServerContactLookup
{
    internal static LookupSql Statements(LeadMailDb db) =>
        LookupSql.Of(db, (columns, rest) => $"SELECT TOP ({LookupSql.LatestTouches}) {columns}\n{rest}");
}

/// <summary>
/// SQL Server: reads are real network I/O and stay asynchronous; parameters are typed as EF Core writes the
/// columns; statements are not prepared, because SQL Server caches the plans of parameterised statements
/// itself (and its Prepare wants sizes).
/// </summary>
internal sealed class SqlServerContactLookup<TContact, TTouch>(IContactLookupShape<TContact, TTouch> shape, IServiceScopeFactory scopes)
    : ContactLookupReader<TContact, TTouch>(shape, scopes)
{
    protected override LookupSql StatementsFor(LeadMailDb db) => SqlServerContactLookup.Statements(db);

    protected override LookupStatements Open() => new Statements(new SqlConnection(ConnectionString), Sql);

    private sealed class Statements(SqlConnection connection, LookupSql sql) : LookupStatements(connection, sql)
    {
        // datetime2, as EF Core writes the columns (the default, datetime, rounds to 3 ms).
        protected override void Type(DbParameter parameter, DbType type) => parameter.DbType = type;

        protected override void Prepare(DbCommand command)
        {
        }

        protected override ValueTask<DbDataReader> ExecuteAsync(DbCommand command, CancellationToken ct) => new(command.ExecuteReaderAsync(ct));

        protected override ValueTask<bool> NextAsync(DbDataReader reader, CancellationToken ct) => new(reader.ReadAsync(ct));

        // Stored as UTC (LeadMailDb's converter); read back with the kind the rest of the API gives it.
        protected override DateTime Stored(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
    }
}
