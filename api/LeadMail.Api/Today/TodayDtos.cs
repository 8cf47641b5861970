using LeadMail.Core.Contacts;

namespace LeadMail.Api.Today;

/// <summary>What a line of the rep's day is about.</summary>
public enum TodayKind
{
    /// <summary>A follow-up someone promised.</summary>
    FollowUp,

    /// <summary>The next attempt the cadence proposed after an unanswered outbound touch.</summary>
    CadenceAttempt,

    /// <summary>An open lead nobody has touched for FollowUps:RipeAfterDays.</summary>
    Ripe,

    /// <summary>A colleague asking for one of the rep's leads.</summary>
    HandOver,
}

/// <summary>One line of the rep's day: who, why, when, and how hot.</summary>
public sealed record TodayItem
{
    public int ContactId { get; init; }
    public string DisplayName { get; init; } = "";
    public string? Company { get; init; }
    public string? Email { get; init; }
    public TodayKind Kind { get; init; }

    /// <summary>The promise's note, "attempt 4 of 10", "untouched 94 days", or the hand-over's note.</summary>
    public string? Why { get; init; }

    /// <summary>When it is due; for a ripe lead its last touch (or when it came in); for a hand-over when it was asked.</summary>
    public DateTime When { get; init; }

    public Stage Stage { get; init; }
    public double Score { get; init; }

    /// <summary>The attempt a cadence line proposes.</summary>
    public int? Attempt { get; init; }

    /// <summary>The request to accept or decline, on a hand-over line.</summary>
    public int? HandOverRequestId { get; init; }
}

/// <summary>A rep's count of follow-ups overdue and due today, for a manager's day.</summary>
public sealed record RepDayCount(int RepId, string Name, int Overdue, int Today);

/// <summary>The rep's day: what is overdue, due today, ripe, and who asks for their leads.</summary>
public sealed record TodayDto
{
    /// <summary>The zone the day is counted in, as given.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The rep's local date.</summary>
    public DateOnly Date { get; init; }

    public DateTime DayStartsAt { get; init; }
    public DateTime DayEndsAt { get; init; }

    /// <summary>The most lines each list holds; the most urgent (oldest due, longest untouched, oldest asked) first.</summary>
    public int Limit { get; init; }

    public required IReadOnlyList<TodayItem> Overdue { get; init; }
    public required IReadOnlyList<TodayItem> Today { get; init; }
    public required IReadOnlyList<TodayItem> Ripe { get; init; }
    public required IReadOnlyList<TodayItem> HandOvers { get; init; }

    /// <summary>Managers only: each rep's follow-ups overdue and due today (reps with none are left out).</summary>
    public IReadOnlyList<RepDayCount>? PerRep { get; init; }
}
