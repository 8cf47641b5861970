using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Scoring;

/// <summary>One event that earned points, and what those points are worth now.</summary>
public sealed record ScoreEvent(long InteractionId, DateTime At, string Event, double Points, double PointsNow);

/// <summary>
/// The rules-based score: points per event, halving every half-life. Points are stored weighted by
/// 2^((at − epoch) / half-life) (<see cref="Contact.ScoreBase"/>), so a score now is that sum times
/// one factor shared by every contact: decaying all of them is a single UPDATE, and ordering by
/// score is ordering by the stored base.
/// </summary>
public sealed class LeadScore(IOptions<ScoringOptions> options)
{
    /// <summary>The reference instant of the weights. Doubles hold 2^1000, i.e. ~80 years of 30-day half-lives past it.</summary>
    public static readonly DateTime Epoch = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private ScoringOptions Options => options.Value;

    /// <summary>How far apart two touches may be and still change each other's points (a quick reply to an outbound touch).</summary>
    public TimeSpan Reach => TimeSpan.FromHours(Options.QuickReplyHours);

    /// <summary>The weight of one point earned at <paramref name="at"/>, relative to the epoch.</summary>
    public double Weight(DateTime at) => Math.Pow(2, (at - Epoch).TotalDays / Options.HalfLifeDays);

    /// <summary>What one stored base point is worth at <paramref name="now"/>.</summary>
    public double FactorAt(DateTime now) => 1 / Weight(now);

    public double ScoreAt(double scoreBase, DateTime now) => Math.Round(scoreBase * FactorAt(now), 2);

    /// <summary>
    /// Points older than twenty half-lives are worth less than a millionth of their value: the score, the
    /// cap and the cadence look at the touches after this instant only.
    /// </summary>
    public DateTime HorizonAt(DateTime now) => now.AddDays(-20 * Options.HalfLifeDays);

    /// <summary>A contact's score at <paramref name="now"/> and its priority: derived from the score unless set by hand.</summary>
    public (double Score, Priority Priority) CurrentOf(double scoreBase, bool prioritySetByHand, Priority priority, DateTime now)
    {
        var current = ScoreAt(scoreBase, now);
        return (current, prioritySetByHand ? priority : PriorityFor(current));
    }

    public Priority PriorityFor(double score) =>
        score >= Options.HighThreshold ? Priority.High : score >= Options.MediumThreshold ? Priority.Medium : Priority.Low;

    /// <summary>The events a contact's touches earned, oldest first.</summary>
    public IReadOnlyList<ScoreEvent> Explain(IReadOnlyList<ScoredTouch> touches, DateTime now)
    {
        var events = new List<ScoreEvent>();
        DateTime? lastOutbound = null;
        foreach (var touch in touches.OrderBy(t => t.OccurredAt).ThenBy(t => t.Id))
        {
            void Add(string name, double points)
            {
                if (points != 0) events.Add(new ScoreEvent(touch.Id, touch.OccurredAt, name, points, Math.Round(points * Weight(touch.OccurredAt) * FactorAt(now), 2)));
            }

            switch (touch.Channel, touch.Direction, touch.Outcome)
            {
                case (Channel.Email, Direction.Inbound, _):
                    Add("inboundEmail", Options.InboundEmail);
                    if (lastOutbound is { } sent && touch.OccurredAt - sent <= TimeSpan.FromHours(Options.QuickReplyHours))
                        Add("quickReply", Options.QuickReply);
                    break;
                case (Channel.Meeting, _, Outcome.Held):
                    Add("meetingHeld", Options.MeetingHeld);
                    break;
                case (Channel.Call, _, Outcome.Connected):
                    Add("connectedCall", Options.ConnectedCall);
                    break;
                case (Channel.Visit, _, null or Outcome.Held or Outcome.Connected):
                    Add("visitHeld", Options.VisitHeld);
                    break;
            }
            if (touch.Direction == Direction.Outbound)
            {
                Add("outboundTouch", Options.OutboundTouch);
                lastOutbound = touch.OccurredAt;
            }
        }
        return events;
    }

    /// <summary>The stored base of a contact's score: each event's points at its weight.</summary>
    public double BaseOf(IReadOnlyList<ScoredTouch> touches, DateTime now) =>
        Explain(touches, now).Sum(e => e.Points * Weight(e.At));

    /// <summary>
    /// The part of the base earned at or after <paramref name="from"/>, by touches that arrive with every touch
    /// within <see cref="Reach"/> before <paramref name="from"/> (the quick replies' context).
    /// </summary>
    public double BaseFrom(IReadOnlyList<ScoredTouch> touches, DateTime from, DateTime now) =>
        Explain(touches, now).Where(e => e.At >= from).Sum(e => e.Points * Weight(e.At));
}

/// <summary>What scoring needs of a touch.</summary>
public sealed record ScoredTouch(long Id, Channel Channel, Direction Direction, Outcome? Outcome, DateTime OccurredAt);
