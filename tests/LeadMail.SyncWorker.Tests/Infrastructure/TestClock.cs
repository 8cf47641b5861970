using System.Collections.Concurrent;

namespace LeadMail.SyncWorker.Tests.Infrastructure;

/// <summary>
/// The system clock, shifted forward (so a later round finds streams due again without waiting a
/// poll interval) and noting every wait the worker asks for (so a test can see Retry-After honoured).
/// </summary>
public sealed class TestClock(TimeSpan offset) : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) Waits.Enqueue(dueTime);
        return System.CreateTimer(callback, state, dueTime, period);
    }
}
