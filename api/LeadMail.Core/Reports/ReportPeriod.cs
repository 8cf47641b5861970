namespace LeadMail.Core.Reports;

/// <summary>How finely a report splits its period: calendar days, ISO weeks (Monday first) or calendar months.</summary>
public enum Granularity
{
    Day,
    Week,
    Month,
}

/// <summary>One bucket of a report: local dates <c>[Start, End)</c> and the UTC instants they begin and end at.</summary>
public sealed record ReportBucket(DateOnly Start, DateOnly End, DateTime StartUtc, DateTime EndUtc);

/// <summary>
/// A report's period: local dates <see cref="From"/> to <see cref="To"/>, both inclusive, in the
/// caller's time zone. Boundaries are local midnights converted to UTC here, in C#, with the zone's
/// rules, so a day is 23 or 25 hours long across a DST change and the database only compares instants.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, TimeZoneInfo Zone, Granularity Granularity = Granularity.Day)
{
    /// <summary>The longest period a report accepts: three years keeps day buckets and query plans bounded.</summary>
    public const int MaxYears = 3;

    /// <summary>
    /// The local dates a period may cover. Every local midnight in this span, in every zone, and the
    /// week and month boundaries around it have a UTC instant; the ends of <see cref="DateTime"/> do not.
    /// </summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    public static readonly DateOnly Latest = new(2999, 12, 31);

    /// <summary>The supported span as messages state it.</summary>
    public static string SupportedRange => $"{Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}";

    public static bool IsSupported(DateOnly day) => day >= Earliest && day <= Latest;

    /// <summary>The first local day after the period: the exclusive end.</summary>
    public DateOnly EndExclusive => To.AddDays(1);

    public DateTime StartUtc => StartOfDayUtc(From, Zone);

    public DateTime EndUtc => StartOfDayUtc(EndExclusive, Zone);

    /// <summary>The buckets, aligned to calendar days, ISO weeks or months and clipped to the period; none missing, so empty ones report zeros.</summary>
    public IReadOnlyList<ReportBucket> Buckets()
    {
        var buckets = new List<ReportBucket>();
        for (var start = From; start < EndExclusive;)
        {
            var next = NextBucketStart(start);
            var end = next < EndExclusive ? next : EndExclusive;
            buckets.Add(new ReportBucket(start, end, StartOfDayUtc(start, Zone), StartOfDayUtc(end, Zone)));
            start = end;
        }
        return buckets;
    }

    /// <summary>The start of the bucket a local day falls in (clipped to the period's first day).</summary>
    public DateOnly BucketStartOf(DateOnly day) => Align(day) is var aligned && aligned < From ? From : aligned;

    private DateOnly Align(DateOnly day) => Granularity switch
    {
        Granularity.Day => day,
        Granularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Granularity.Month => new DateOnly(day.Year, day.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(Granularity)),
    };

    private DateOnly NextBucketStart(DateOnly start) => Granularity switch
    {
        Granularity.Day => start.AddDays(1),
        Granularity.Week => Align(start).AddDays(7),
        Granularity.Month => Align(start).AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(Granularity)),
    };

    /// <summary>The UTC instant a local day begins; where midnight does not exist (DST starting at 00:00) the first instant that does.</summary>
    public static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        // An ambiguous midnight (DST ending at 00:00) happens twice: the day begins at the first.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }
}
