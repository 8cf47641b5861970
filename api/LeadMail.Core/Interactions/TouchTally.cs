namespace LeadMail.Core.Interactions;

/// <summary>How long a <see cref="TouchTally"/> counts over: one UTC hour, day, ISO week (Monday first) or calendar month.</summary>
public enum TallySpan
{
    Hour,
    Day,
    Week,
    Month,
}

/// <summary>
/// How many touches of one kind (rep, channel, direction, auto-logged or not) happened in one UTC hour,
/// day, week or month: the touches report's counts kept ahead of time by <see cref="TouchTallies"/>, so
/// a period sums a few hundred rows a week or month instead of counting every touch. Hours serve the
/// edges of local days in the caller's time zone (see Reports.TallyCounts).
/// </summary>
public class TouchTally
{
    public TallySpan Span { get; set; }

    /// <summary>The first instant of the hour, day, week or month, UTC.</summary>
    public DateTime Start { get; set; }

    /// <summary>The rep who made the touch; 0 for none, because a key (and an upsert's conflict target) cannot hold a null.</summary>
    public int RepKey { get; set; }

    public Channel Channel { get; set; }
    public Direction Direction { get; set; }

    /// <summary>Origin sync (read from the mailbox), as the report shows it apart from manual touches.</summary>
    public bool AutoLogged { get; set; }

    public int Count { get; set; }
}
