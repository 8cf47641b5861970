namespace LeadMail.Core.Reports;

/// <summary>Percentiles from a histogram the database counted, so no individual values are loaded.</summary>
public static class Percentiles
{
    /// <summary>
    /// The p-th percentile by linear interpolation between closest ranks (Excel's PERCENTILE.INC),
    /// so p = 0.5 is the ordinary median. Null when there are no values.
    /// </summary>
    public static double? FromHistogram(IReadOnlyDictionary<int, int> countByValue, double p)
    {
        var n = countByValue.Values.Sum();
        if (n == 0) return null;
        var rank = (n - 1) * p;
        var lower = (int)Math.Floor(rank);
        var fraction = rank - lower;
        var low = ValueAtRank(countByValue, lower);
        var high = fraction == 0 ? low : ValueAtRank(countByValue, lower + 1);
        return low + (high - low) * fraction;
    }

    /// <summary>The value at a zero-based rank of the sorted values.</summary>
    private static int ValueAtRank(IReadOnlyDictionary<int, int> countByValue, int rank)
    {
        var seen = 0;
        foreach (var (value, count) in countByValue.OrderBy(kv => kv.Key))
        {
            seen += count;
            if (rank < seen) return value;
        }
        throw new ArgumentOutOfRangeException(nameof(rank));
    }
}
