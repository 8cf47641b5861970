using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadMail.Core.Persistence;

public static class DatabaseTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of its own, or in the caller's when there is one.
    /// It runs under the provider's execution strategy because SQL Server's retry-on-failure refuses
    /// user transactions otherwise; a retried attempt starts from an empty change tracker, so the
    /// work must load what it changes.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this LeadMailDb db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return work(ct);
        var attempt = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            if (attempt++ > 0) db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }

    /// <summary>
    /// Runs hand-written commands on the context's own connection, open for <paramref name="work"/> (EF Core
    /// keeps it open while a transaction is), in the context's transaction when there is one: what the
    /// ingest's statements and readers see and write is what EF Core's own queries in that transaction do.
    /// </summary>
    public static async Task WithOpenConnectionAsync(this LeadMailDb db, Func<DbConnection, DbTransaction?, Task> work, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await work(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
