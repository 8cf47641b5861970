using LeadMail.Core.Consent;
using LeadMail.Core.Scoring;

namespace LeadMail.Core.Interactions;

/// <summary>
/// Why a contact that only gained touches needs no more of its history than its stored counters and
/// score, the touches near the new ones, and a few facts the database finds at the ends of its history
/// (<see cref="Persistence.IContactHistory.ConnectsAsync"/>):
/// <list type="bullet">
/// <item>the counters are totals, latest and earliest instants, and counts on either side of the first and
/// latest connects: new touches add to them, and only a moved connect needs the touches beyond it counted;</item>
/// <item>the frequency cap flags a new outbound touch by the outbound touches in the cap's window before it;</item>
/// <item>a touch's points depend on no other touch but, for an inbound email, the latest outbound touch
/// before it, and only when that is within the quick-reply hours: a new touch changes no points further away;</item>
/// <item>the score's base is a sum of points, so the stored base is corrected by what the nearby stored
/// touches earned before and what they and the new touches earn now.</item>
/// </list>
/// A sync page names hundreds of contacts whose histories grow with every page: this keeps its cost
/// in proportion to the page, not to the mailbox. A change of the scoring weights applies to the points
/// touches earn from then on; a contact whose stored touch moved is still rescored from its whole history.
/// </summary>
internal static class NearbyTouches
{
    /// <summary>How far before and after the new touches the stored ones are read.</summary>
    public static TimeSpan Reach(LeadScore score, FrequencyCapOptions cap) =>
        TimeSpan.FromDays(cap.WindowDays) > score.Reach ? TimeSpan.FromDays(cap.WindowDays) : score.Reach;

    /// <summary>The counters with the new touches, from the counters stored before them.</summary>
    /// <param name="connects">What the database says with the new touches stored; asked for the count before the first
    /// connect exactly when the new touches moved it (<see cref="NewFirstConnect"/>).</param>
    public static TouchCounters Counters(TouchCounters stored, IReadOnlyList<Interaction> added, ConnectSummary connects)
    {
        var lastInbound = Latest(stored.LastInboundAt, added.Where(t => t.Direction == Direction.Inbound).Select(t => t.OccurredAt));
        var first = NewFirstConnect(stored.FirstConnectAt, added) ?? stored.FirstConnectAt;
        int? before = first is not { } at ? null
            : first == stored.FirstConnectAt ? (stored.TouchesBeforeConnect ?? 0) + added.Count(t => t.Direction == Direction.Outbound && t.OccurredAt < at)
            : connects.OutboundBeforeFirstConnect;
        // Without any connect every outbound touch counts; with one, the database counts those after the latest.
        var since = connects.LastConnectAt is null
            ? stored.OutboundSinceConnect + added.Count(t => t.Direction == Direction.Outbound)
            : connects.OutboundAfterLastConnect ?? 0;
        return new TouchCounters(stored.TouchesTotal + added.Count, Latest(stored.LastTouchAt, added.Select(t => t.OccurredAt)), lastInbound, first, before, since);
    }

    /// <summary>The earliest new connect when it comes before the stored first connect (or there was none); otherwise null.</summary>
    public static DateTime? NewFirstConnect(DateTime? storedFirstConnect, IEnumerable<Interaction> added)
    {
        var earliest = added.Where(t => t.IsConnect).Select(t => (DateTime?)t.OccurredAt).Min();
        return earliest is { } at && (storedFirstConnect is null || at < storedFirstConnect) ? at : null;
    }

    private static DateTime? Latest(DateTime? stored, IEnumerable<DateTime> added)
    {
        var latest = added.Select(t => (DateTime?)t).Max();
        return latest > stored || stored is null ? latest : stored;
    }

    /// <param name="storedBase">The contact's score base before these touches.</param>
    /// <param name="nearby">The contact's touches within <see cref="Reach"/> of the new ones, the new ones included.</param>
    /// <param name="added">The new touches, oldest first.</param>
    public static double ScoreBase(LeadScore score, double storedBase, List<ScoredTouch> nearby, List<Interaction> added, DateTime now)
    {
        var from = added[0].OccurredAt;
        var addedIds = added.Select(i => i.Id).ToHashSet();
        var stored = nearby.Where(t => !addedIds.Contains(t.Id)).ToList();
        return storedBase - score.BaseFrom(stored, from, now) + score.BaseFrom(nearby, from, now);
    }
}
