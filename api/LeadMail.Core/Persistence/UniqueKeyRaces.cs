using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Persistence;

/// <summary>A write that kept losing the race for its unique key to simultaneous writes of the same key.</summary>
public sealed class UniqueKeyConflictException(string what, Exception inner)
    : Exception($"Other requests wrote {what} at the same moment, each time this one tried. Send it again.", inner)
{
    public string What { get; } = what;
}

public static class UniqueKeyRaces
{
    /// <summary>How often a create-or-replace is tried before it answers a conflict.</summary>
    public const int Attempts = 10;

    /// <summary>
    /// True when the save failed because a unique index or key already holds the value: another request
    /// inserted the same key between our read and our save (SQLite's extended codes for UNIQUE and
    /// PRIMARY KEY; SQL Server's duplicate key in a unique index or constraint).
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException failed) => failed.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };

    /// <summary>
    /// Create-or-replace by a unique key. <paramref name="work"/> finds the row by its key (or adds it),
    /// changes it and saves. When a simultaneous request inserted that key first (a unique violation) or
    /// changed the rows this one read (a concurrency failure), the change tracker is cleared and the work
    /// runs again: it now finds the other request's row and replaces it. After <see cref="Attempts"/> lost
    /// races, <see cref="UniqueKeyConflictException"/>, which the API answers with a 409.
    /// </summary>
    /// <param name="what">The row as a message names it, e.g. "the group 'North'".</param>
    public static async Task<T> UpsertAsync<T>(this LeadMailDb db, string what, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work(ct);
            }
            catch (DbUpdateException failed) when (failed is DbUpdateConcurrencyException || failed.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                if (attempt == Attempts) throw new UniqueKeyConflictException(what, failed);
            }
        }
    }
}
