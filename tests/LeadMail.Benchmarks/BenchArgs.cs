using System.Globalization;

namespace LeadMail.Benchmarks;

/// <summary>The benchmarks' options: <c>--name value</c> pairs after the benchmark's name.</summary>
public sealed class BenchArgs(string[] args)
{
    /// <summary>The arguments after the benchmark's name, for benchmarks that parse their own.</summary>
    public string[] All => args;

    public string? Text(string name) =>
        args.SkipWhile(a => !a.Equals(name, StringComparison.OrdinalIgnoreCase)).Skip(1).FirstOrDefault();

    public int Int(string name, int fallback, int min = 1)
    {
        if (Text(name) is not { } text) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new ArgumentException($"{name} must be a whole number of at least {min}; got '{text}'.");
        return value;
    }

    public DateTime? Date(string name)
    {
        if (Text(name) is not { } text) return null;
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
            throw new ArgumentException($"{name} is a date like 2026-11-26; got '{text}'.");
        return DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }
}
