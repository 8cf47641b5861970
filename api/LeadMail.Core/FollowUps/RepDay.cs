namespace LeadMail.Core.FollowUps;

/// <summary>
/// A rep's day in their own time zone, as instants: follow-ups due before <see cref="StartUtc"/> are overdue, those
/// due before <see cref="EndUtc"/> are today's. A day is 23 or 25 hours across a daylight-saving change.
/// </summary>
public readonly record struct RepDay(DateOnly Date, DateTime StartUtc, DateTime EndUtc, DateTime NowUtc)
{
    /// <summary>The local day that holds <paramref name="nowUtc"/> in <paramref name="zone"/>.</summary>
    public static RepDay At(DateTime nowUtc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone);
        var date = DateOnly.FromDateTime(local);
        return new RepDay(date, StartOf(date, zone), StartOf(date.AddDays(1), zone), nowUtc);
    }

    /// <summary>The first instant of a local date: midnight, or the first valid time where a zone skips midnight.</summary>
    private static DateTime StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var start = midnight;
        while (zone.IsInvalidTime(start)) start = start.AddMinutes(15);
        // An ambiguous midnight (clocks set back over it) starts the day at its first occurrence, the earlier instant.
        return zone.IsAmbiguousTime(start)
            ? DateTime.SpecifyKind(start - zone.GetAmbiguousTimeOffsets(start).Max(), DateTimeKind.Utc)
            : TimeZoneInfo.ConvertTimeToUtc(start, zone);
    }

    /// <summary>The IANA (or Windows) zone of that id, or null when the system knows none.</summary>
    public static TimeZoneInfo? Zone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;
    }

    /// <summary>"attempt 4 of 10": why a cadence step is on the list.</summary>
    public static string AttemptLine(int attempt, int maxAttempts) => $"attempt {attempt} of {maxAttempts}";

    /// <summary>"untouched 94 days": why a ripe lead is on the list (never touched counts from when it came in).</summary>
    public static string UntouchedLine(DateTime since, DateTime nowUtc) => $"untouched {(int)(nowUtc - since).TotalDays} days";
}
