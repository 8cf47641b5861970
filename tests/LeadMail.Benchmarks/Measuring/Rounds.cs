namespace LeadMail.Benchmarks.Measuring;

/// <summary>
/// What benchmarks that repeat a measurement report: the median round, since on a shared virtual machine one
/// round can move by 20% from the next, and the median does not follow a single disturbed one.
/// </summary>
public static class Rounds
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("No rounds to take the median of.", nameof(values));
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
