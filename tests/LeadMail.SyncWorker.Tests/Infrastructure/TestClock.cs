using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace LeadMail.SyncWorker.Tests.Infrastructure;

/// <summary>
/// A round's clock: frozen at the wall clock shifted forward (so a later round finds streams due again without
/// waiting a poll interval), noting every wait the worker asks for (so a test can see Retry-After honoured).
/// The waits themselves run on the system timer: a round runs to its end inside one await, with no test there
/// to advance the clock past a retry's delay.
/// </summary>
public sealed class TestClock(TimeSpan offset) : FakeTimeProvider(DateTimeOffset.UtcNow + offset)
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) Waits.Enqueue(dueTime);
        return System.CreateTimer(callback, state, dueTime, period);
    }
}
