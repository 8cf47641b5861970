namespace LeadMail.Api.Tests.Hosting;

/// <summary>
/// The API's clock in tests: frozen at a chosen instant and moved only by the test, so "the last
/// 7 days" or "in the future" mean the same thing on every run.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public DateTime UtcNow => _now.UtcDateTime;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset now) => _now = now;

    /// <summary>The real time, whole seconds: tokens minted on it also pass validation against the wall clock.</summary>
    public static TestClock AtWallClock()
    {
        var now = DateTimeOffset.UtcNow;
        return new TestClock(new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero));
    }
}
