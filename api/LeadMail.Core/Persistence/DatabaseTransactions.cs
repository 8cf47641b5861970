using Microsoft.EntityFrameworkCore;

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
}
