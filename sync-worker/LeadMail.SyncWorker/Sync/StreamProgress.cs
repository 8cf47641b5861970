namespace LeadMail.SyncWorker.Sync;

/// <summary>How one claimed stream's round ended.</summary>
public sealed record StreamOutcome(MailboxClaim Claim, bool Succeeded, int Pages, int Items, int TouchesRecorded, string? Error);

/// <summary>
/// What one run of a stream has done so far: pages read, and what the commits recorded. A batch commits
/// while the next pages are read, so commits add to it from another task.
/// </summary>
public sealed class StreamProgress
{
    private int pages;
    private int items;
    private int recorded;
    private int commits;

    public int Pages => Volatile.Read(ref pages);
    public int Items => Volatile.Read(ref items);
    public int TouchesRecorded => Volatile.Read(ref recorded);

    public void PageRead() => Interlocked.Increment(ref pages);

    /// <returns>The commits so far, this one included.</returns>
    public int Committed(PageOutcome outcome)
    {
        var count = Interlocked.Increment(ref commits);
        Interlocked.Add(ref items, outcome.Items);
        Interlocked.Add(ref recorded, outcome.TouchesRecorded);
        return count;
    }

    public StreamOutcome Outcome(MailboxClaim claim, bool succeeded, string? error) =>
        new(claim, succeeded, Pages, Items, TouchesRecorded, error);
}
