using System.Data;
using System.Data.Common;
using LeadMail.Core.Contacts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Core.Persistence.Sqlite;

/// <summary>
/// SQLite: the reads share one read transaction (prepared BEGIN and COMMIT: BeginTransaction would compile
/// its statements on every call), every statement is compiled once and kept with its connection (preparing was
/// a large share of each read), and rows are read synchronously: Microsoft.Data.Sqlite's async methods run
/// synchronously and wrap the result in a task, and on the lookup's path those wrappers cost more than some
/// of the reads.
/// </summary>
internal sealed class SqliteContactLookup<TContact, TTouch>(IContactLookupShape<TContact, TTouch> shape, IServiceScopeFactory scopes)
    : ContactLookupReader<TContact, TTouch>(shape, scopes)
{
    protected override LookupSql StatementsFor(LeadMailDb db) =>
        LookupSql.Of(db, (columns, rest) => $"SELECT {columns}\n{rest}\nLIMIT {LookupSql.LatestTouches}") with { BeginSnapshot = "BEGIN", EndSnapshot = "COMMIT" };

    protected override LookupStatements Open() => new Statements(new SqliteConnection(ConnectionString), Sql);

    private sealed class Statements(SqliteConnection connection, LookupSql sql) : LookupStatements(connection, sql)
    {
        // Left to Microsoft.Data.Sqlite, which writes instants as the same text EF Core stores.
        protected override void Type(DbParameter parameter, DbType type)
        {
        }

        protected override void Prepare(DbCommand command) => command.Prepare();

        protected override ValueTask<DbDataReader> ExecuteAsync(DbCommand command, CancellationToken ct) => new(command.ExecuteReader());

        protected override ValueTask<bool> NextAsync(DbDataReader reader, CancellationToken ct) => new(reader.Read());

        // Instants are stored as text, read by position rather than through DateTime.Parse.
        protected override DateTime Stored(DbDataReader reader, int ordinal) => SqliteInstant.ParseUtc(reader.GetString(ordinal));
    }
}
