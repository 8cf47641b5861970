using System.Diagnostics;

namespace LeadMail.Benchmarks.Measuring;

/// <summary>Per-request latencies of one run (Stopwatch ticks) and the wall time it took.</summary>
public sealed class Latencies
{
    private readonly long[] sorted;

    public Latencies(IEnumerable<long> ticks, TimeSpan wall, int failures = 0)
    {
        sorted = ticks.Order().ToArray();
        Wall = wall;
        Failures = failures;
    }

    public int Count => sorted.Length;
    public TimeSpan Wall { get; }
    public int Failures { get; }
    public double PerSecond => Count / Wall.TotalSeconds;

    public double P50 => Percentile(50);
    public double P90 => Percentile(90);
    public double P99 => Percentile(99);
    public double Max => sorted.Length == 0 ? double.NaN : Ms(sorted[^1]);
    public double Mean => sorted.Length == 0 ? double.NaN : Ms((long)sorted.Average());

    /// <summary>Nearest-rank percentile, in milliseconds.</summary>
    public double Percentile(double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return Ms(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
