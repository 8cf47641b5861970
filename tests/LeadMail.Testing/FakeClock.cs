using Microsoft.Extensions.Time.Testing;

namespace LeadMail.Testing;

/// <summary>
/// The few readings and moves tests make on a <see cref="FakeTimeProvider"/>, named as the tests say them.
/// Linked into suites that do not reference this library (Core, SyncWorker) so there is one copy.
/// </summary>
public static class FakeClock
{
    extension(FakeTimeProvider clock)
    {
        /// <summary>The clock's instant as the UTC <see cref="DateTime"/> the entities store.</summary>
        public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

        /// <summary>Moves the clock to <paramref name="now"/>, forwards or backwards.</summary>
        public void Set(DateTimeOffset now) => clock.AdjustTime(now);
    }

    /// <summary>A frozen clock at the wall clock's time, whole seconds, so it agrees with JWT lifetimes (which have no fractions).</summary>
    public static FakeTimeProvider AtWallClock()
    {
        var now = DateTimeOffset.UtcNow;
        return new FakeTimeProvider(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
    }
}
