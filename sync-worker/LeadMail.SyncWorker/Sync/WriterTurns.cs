using LeadMail.Core.Persistence;

namespace LeadMail.SyncWorker.Sync;

/// <summary>
/// SQLite has one writer at a time, and Microsoft.Data.Sqlite answers a busy database by blocking its
/// thread for 150 ms before trying again, so two streams committing pages back to back left the database
/// idle for much of each wait (and held one of few threads asleep). This worker's streams take turns
/// here instead: the next page's transaction starts the moment the previous one ends. Other processes
/// (the API, another worker) still meet SQLite's busy retry. SQL Server locks rows, so there pages
/// commit side by side and no turn is taken (<see cref="DatabaseWriters"/>, registered with the database).
/// </summary>
public sealed class WriterTurns(DatabaseWriters writers)
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private int waiting;

    /// <summary>Pages waiting for the turn now: a page read and matched, queued behind another stream's commit.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <returns>The turn, released when disposed; nothing to release on SQL Server.</returns>
    public async Task<IDisposable?> TakeAsync(CancellationToken ct)
    {
        if (!writers.OneAtATime) return null;
        Interlocked.Increment(ref waiting);
        try
        {
            await turn.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) turn.Release();
        }
    }
}
