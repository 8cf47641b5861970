using System.ComponentModel.DataAnnotations;

namespace LeadMail.Core.FollowUps;

/// <summary>Configuration section <c>FollowUps</c>: the cadence of attempts and when an untouched lead is ripe.</summary>
public sealed class FollowUpOptions : IValidatableObject
{
    public const string Section = "FollowUps";

    public static readonly IReadOnlyList<int> DefaultCadenceDays = [2, 4, 7, 14, 30];

    /// <summary>
    /// Days from the n-th unanswered outbound touch to the proposed next one; the last value repeats.
    /// Null means the default (2, 4, 7, 14, 30): the binder appends to a pre-filled list instead of replacing it.
    /// </summary>
    public int[]? CadenceDays { get; set; }

    public IReadOnlyList<int> Cadence => CadenceDays is { Length: > 0 } days ? days : DefaultCadenceDays;

    /// <summary>Outbound attempts before the cadence stops proposing (it takes eight to ten touches to connect).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>An open lead with no touch for this many days is ripe.</summary>
    [Range(1, 3650)]
    public int RipeAfterDays { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CadenceDays is { } days && days.Any(d => d is < 1 or > 365))
            yield return new ValidationResult("FollowUps:CadenceDays must be whole days between 1 and 365.", [nameof(CadenceDays)]);
    }

    /// <summary>Days to wait after the <paramref name="attempts"/>-th unanswered attempt.</summary>
    public int DaysAfterAttempt(int attempts) => Cadence[Math.Clamp(attempts - 1, 0, Cadence.Count - 1)];
}
