namespace LeadMail.Core.Interactions;

/// <summary>What the counters need of a stored touch (and the score, with the id and outcome).</summary>
internal sealed record HistoryTouch(int ContactId, long Id, Channel Channel, Direction Direction, Outcome? Outcome, DateTime OccurredAt, bool IsConnect);

/// <summary>
/// A contact's denormalised counters, computed from its whole history. The same definitions as
/// <see cref="TouchIngest.RefreshCountersAsync"/>'s set-based recompute, so they do not depend on the
/// order touches arrived in; computed in one pass over touches the effects load anyway, instead of a
/// statement that SQLite evaluated with a nested MIN/MAX per touch.
/// </summary>
internal sealed record TouchCounters(
    int TouchesTotal,
    DateTime? LastTouchAt,
    DateTime? LastInboundAt,
    DateTime? FirstConnectAt,
    int? TouchesBeforeConnect,
    int OutboundSinceConnect)
{
    public static TouchCounters Of(IReadOnlyList<HistoryTouch> touches)
    {
        DateTime? last = null, lastInbound = null, firstConnect = null, lastConnect = null;
        foreach (var touch in touches)
        {
            if (last is null || touch.OccurredAt > last) last = touch.OccurredAt;
            if (touch.Direction == Direction.Inbound && (lastInbound is null || touch.OccurredAt > lastInbound)) lastInbound = touch.OccurredAt;
            if (!touch.IsConnect) continue;
            if (firstConnect is null || touch.OccurredAt < firstConnect) firstConnect = touch.OccurredAt;
            if (lastConnect is null || touch.OccurredAt > lastConnect) lastConnect = touch.OccurredAt;
        }

        // Strictly before the first connect and strictly after the latest one, as the SQL compares them.
        int beforeConnect = 0, sinceConnect = 0;
        foreach (var touch in touches)
        {
            if (touch.Direction != Direction.Outbound) continue;
            if (firstConnect is not null && touch.OccurredAt < firstConnect) beforeConnect++;
            if (lastConnect is null || touch.OccurredAt > lastConnect) sinceConnect++;
        }
        return new TouchCounters(touches.Count, last, lastInbound, firstConnect, firstConnect is null ? null : beforeConnect, sinceConnect);
    }
}
