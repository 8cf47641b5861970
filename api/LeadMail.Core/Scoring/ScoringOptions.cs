using System.ComponentModel.DataAnnotations;

namespace LeadMail.Core.Scoring;

/// <summary>Configuration section <c>Scoring</c>: points per event, the half-life, and the priority thresholds.</summary>
public sealed class ScoringOptions : IValidatableObject
{
    public const string Section = "Scoring";

    public double InboundEmail { get; set; } = 10;
    public double MeetingHeld { get; set; } = 20;
    public double ConnectedCall { get; set; } = 15;
    public double VisitHeld { get; set; } = 20;
    public double OutboundTouch { get; set; } = 1;

    /// <summary>Bonus for an inbound email that answers an outbound touch within <see cref="QuickReplyHours"/>.</summary>
    public double QuickReply { get; set; } = 5;

    [Range(1, 24 * 30)]
    public double QuickReplyHours { get; set; } = 48;

    [Range(1, 3650)]
    public double HalfLifeDays { get; set; } = 30;

    /// <summary>A score at or above this is high priority (unless a person set the priority).</summary>
    public double HighThreshold { get; set; } = 40;

    /// <summary>A score at or above this (and below high) is medium priority.</summary>
    public double MediumThreshold { get; set; } = 10;

    /// <summary>How often the API re-applies the decay to every stored score; zero turns the timer off.</summary>
    public TimeSpan RecalculateEvery { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MediumThreshold > HighThreshold)
            yield return new ValidationResult("Scoring:MediumThreshold must not exceed Scoring:HighThreshold.", [nameof(MediumThreshold)]);
        if (RecalculateEvery < TimeSpan.Zero)
            yield return new ValidationResult("Scoring:RecalculateEvery must not be negative.", [nameof(RecalculateEvery)]);
        foreach (var (name, value) in new[] { (nameof(InboundEmail), InboundEmail), (nameof(MeetingHeld), MeetingHeld), (nameof(ConnectedCall), ConnectedCall),
                     (nameof(VisitHeld), VisitHeld), (nameof(OutboundTouch), OutboundTouch), (nameof(QuickReply), QuickReply) })
        {
            if (value is < -1000 or > 1000 || double.IsNaN(value))
                yield return new ValidationResult($"Scoring:{name} must be between -1000 and 1000.", [name]);
        }
    }
}
