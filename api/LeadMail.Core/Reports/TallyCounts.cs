using System.Runtime.CompilerServices;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

/// <summary>
/// Team-wide touch counts per bucket from the <see cref="TouchTally"/> rows (hour, day, week, month),
/// exact in any time zone. Buckets run between local midnights, which are arbitrary UTC instants. Each
/// boundary t is cut at the UTC midnight nearest to it, c (t's own day's midnight if t is at most 12
/// hours into the day, the next otherwise): a bucket sums the tallies between its two cuts (whole
/// months, else whole weeks, and days), and the stretch between t and c — at most 12 hours — is moved
/// across the boundary from the hourly tallies, plus, when t is not on the hour (:30 and :45 zones),
/// the touches of at most 59 minutes counted from the touch index. Berlin's boundaries cost one or two
/// hourly tallies each; every figure is exact.
/// </summary>
internal sealed class TallyCounts(LeadMailDb db)
{
    /// <summary>Parts per UNION ALL: SQLite allows 500 in a compound SELECT, SQL Server 2,100 parameters (two a part).</summary>
    private const int PartsPerQuery = 150;

    /// <summary>The directions summed into columns (<see cref="TallyPart"/>); a new one must get its columns there.</summary>
    private static readonly Direction[] SummedDirections = [Direction.Outbound, Direction.Inbound, Direction.None];

    public async Task<Dictionary<(int? RepId, Channel Channel, Direction Direction), (int[] Auto, int[] Manual)>> CountAsync(ReportPeriod period, CancellationToken ct)
    {
        if (Enum.GetValues<Direction>().Except(SummedDirections).Any())
            throw new InvalidOperationException("A direction the tally columns do not sum would be left out of the touches report.");
        var buckets = period.Buckets();
        var bounds = buckets.Select(b => b.StartUtc).Append(buckets[^1].EndUtc).ToList();
        var cuts = bounds.Select(t => t - TouchTallies.DayOf(t) <= TimeSpan.FromHours(12) ? TouchTallies.DayOf(t) : TouchTallies.DayOf(t).AddDays(1)).ToList();

        // Each part is one grouped range. Target is the bucket it adds to; for a boundary's stretch
        // (Boundary), the boundary it is moved across, with Sign +1 when the stretch [cut, t) belongs
        // to the bucket before and -1 when [t, cut) belongs to the bucket after.
        var parts = new List<(IQueryable<TallyPart> Query, int Target, bool Boundary, int Sign)>();
        for (var i = 0; i < buckets.Count; i++)
        {
            foreach (var (span, from, to) in Cover(cuts[i], cuts[i + 1])) parts.Add((Tallies(span, from, to, parts.Count), i, false, +1));
        }
        for (var j = 0; j < bounds.Count; j++)
        {
            var (t, cut) = (bounds[j], cuts[j]);
            if (t == cut) continue;
            var hour = TouchTallies.HourOf(t);
            if (cut < t)
            {
                if (cut < hour) parts.Add((Tallies(TallySpan.Hour, cut, hour, parts.Count), j, true, +1));
                if (hour < t) parts.Add((Touches(hour, t, parts.Count), j, true, +1));
            }
            else
            {
                var nextHour = hour == t ? t : hour.AddHours(1);
                if (nextHour < cut) parts.Add((Tallies(TallySpan.Hour, nextHour, cut, parts.Count), j, true, -1));
                if (t < nextHour) parts.Add((Touches(t, nextHour, parts.Count), j, true, -1));
            }
        }

        // Per (rep, channel, direction), one count per bucket: small arrays rather than one entry per
        // bucket and kind, and rows streamed rather than listed, so a year allocates nothing large.
        var totals = new Dictionary<(int RepKey, Channel Channel, Direction Direction), (int[] Auto, int[] Manual)>();
        foreach (var chunk in parts.Chunk(PartsPerQuery))
        {
            var union = chunk.Skip(1).Aggregate(chunk[0].Query, (all, part) => all.Concat(part.Query));
            await foreach (var row in ReadAsync(union, ct))
            {
                var (_, target, boundary, sign) = parts[row.Part];
                if (!boundary) Add(target, sign);
                else
                {
                    if (target > 0) Add(target - 1, sign);
                    if (target < buckets.Count) Add(target, -sign);
                }

                void Add(int bucket, int sign)
                {
                    Sum(bucket, Direction.Outbound, sign * row.OutboundAuto, sign * row.OutboundManual);
                    Sum(bucket, Direction.Inbound, sign * row.InboundAuto, sign * row.InboundManual);
                    Sum(bucket, Direction.None, sign * row.NoneAuto, sign * row.NoneManual);
                }

                void Sum(int bucket, Direction direction, int auto, int manual)
                {
                    if (auto == 0 && manual == 0) return;
                    var key = (row.RepKey, row.Channel, direction);
                    if (!totals.TryGetValue(key, out var counts)) totals[key] = counts = (new int[buckets.Count], new int[buckets.Count]);
                    counts.Auto[bucket] += auto;
                    counts.Manual[bucket] += manual;
                }
            }
        }
        // A kind whose counts all sum to zero is absent from the period: counting the touches would not list it.
        return totals.Where(t => t.Value.Auto.Any(n => n != 0) || t.Value.Manual.Any(n => n != 0))
            .ToDictionary(t => (t.Key.RepKey == 0 ? null : (int?)t.Key.RepKey, t.Key.Channel, t.Key.Direction), t => t.Value);
    }

    /// <summary>
    /// The union's rows, read from the command EF Core builds for it rather than materialised by EF Core:
    /// a year by week is about 21,000 small rows, which EF Core took some 150 ms to turn into objects
    /// against 56 ms for SQLite to compute them (docs/benchmarks.md).
    /// </summary>
    private async IAsyncEnumerable<TallyPart> ReadAsync(IQueryable<TallyPart> union, [EnumeratorCancellation] CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = union.CreateDbCommand();
            await using var reader = await command.ExecuteReaderAsync(ct);
            int Column(string name) => reader.GetOrdinal(name);
            var (part, repKey, channel) = (Column(nameof(TallyPart.Part)), Column(nameof(TallyPart.RepKey)), Column(nameof(TallyPart.Channel)));
            var (outboundAuto, outboundManual) = (Column(nameof(TallyPart.OutboundAuto)), Column(nameof(TallyPart.OutboundManual)));
            var (inboundAuto, inboundManual) = (Column(nameof(TallyPart.InboundAuto)), Column(nameof(TallyPart.InboundManual)));
            var (noneAuto, noneManual) = (Column(nameof(TallyPart.NoneAuto)), Column(nameof(TallyPart.NoneManual)));
            while (await reader.ReadAsync(ct))
            {
                yield return new TallyPart
                {
                    Part = reader.GetInt32(part),
                    RepKey = reader.GetInt32(repKey),
                    // Stored as its name, as LeadMailDb converts every enum.
                    Channel = Enum.Parse<Channel>(reader.GetString(channel)),
                    OutboundAuto = reader.GetInt32(outboundAuto),
                    OutboundManual = reader.GetInt32(outboundManual),
                    InboundAuto = reader.GetInt32(inboundAuto),
                    InboundManual = reader.GetInt32(inboundManual),
                    NoneAuto = reader.GetInt32(noneAuto),
                    NoneManual = reader.GetInt32(noneManual),
                };
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>UTC days [from, to) as the fewest tally ranges: whole months, else whole weeks, and the days around them.</summary>
    private static IEnumerable<(TallySpan Span, DateTime From, DateTime To)> Cover(DateTime from, DateTime to)
    {
        var (firstMonth, lastMonth) = (from.Day == 1 ? from : TouchTallies.MonthOf(from).AddMonths(1), TouchTallies.MonthOf(to));
        if (firstMonth >= lastMonth) return Weeks(from, to);
        return Weeks(from, firstMonth).Append((TallySpan.Month, firstMonth, lastMonth)).Concat(Weeks(lastMonth, to));

        static IEnumerable<(TallySpan, DateTime, DateTime)> Weeks(DateTime from, DateTime to)
        {
            var (firstWeek, lastWeek) = (from.DayOfWeek == DayOfWeek.Monday ? from : TouchTallies.WeekOf(from).AddDays(7), TouchTallies.WeekOf(to));
            if (firstWeek >= lastWeek) return Days(from, to);
            return Days(from, firstWeek).Append((TallySpan.Week, firstWeek, lastWeek)).Concat(Days(lastWeek, to));
        }

        static IEnumerable<(TallySpan, DateTime, DateTime)> Days(DateTime from, DateTime to) =>
            from < to ? [(TallySpan.Day, from, to)] : [];
    }

    // Directions and auto-logged / manual are summed into columns: one row per (part, rep, channel)
    // instead of six, which is most of what EF Core spends materialising a year by week.
    private IQueryable<TallyPart> Tallies(TallySpan span, DateTime from, DateTime to, int part) => db.TouchTallies.AsNoTracking()
        .Where(t => t.Span == EF.Constant(span) && t.Start >= from && t.Start < to)
        .GroupBy(t => new { t.RepKey, t.Channel })
        .Select(g => new TallyPart
        {
            Part = EF.Constant(part), RepKey = g.Key.RepKey, Channel = g.Key.Channel,
            OutboundAuto = g.Sum(t => t.Direction == Direction.Outbound && t.AutoLogged ? t.Count : 0),
            OutboundManual = g.Sum(t => t.Direction == Direction.Outbound && !t.AutoLogged ? t.Count : 0),
            InboundAuto = g.Sum(t => t.Direction == Direction.Inbound && t.AutoLogged ? t.Count : 0),
            InboundManual = g.Sum(t => t.Direction == Direction.Inbound && !t.AutoLogged ? t.Count : 0),
            NoneAuto = g.Sum(t => t.Direction == Direction.None && t.AutoLogged ? t.Count : 0),
            NoneManual = g.Sum(t => t.Direction == Direction.None && !t.AutoLogged ? t.Count : 0),
        });

    private IQueryable<TallyPart> Touches(DateTime from, DateTime to, int part) => db.Interactions.AsNoTracking()
        .Where(i => i.OccurredAt >= from && i.OccurredAt < to)
        .GroupBy(i => new { RepKey = i.RepId ?? 0, i.Channel })
        .Select(g => new TallyPart
        {
            Part = EF.Constant(part), RepKey = g.Key.RepKey, Channel = g.Key.Channel,
            OutboundAuto = g.Count(i => i.Direction == Direction.Outbound && i.Origin == Origin.Sync),
            OutboundManual = g.Count(i => i.Direction == Direction.Outbound && i.Origin != Origin.Sync),
            InboundAuto = g.Count(i => i.Direction == Direction.Inbound && i.Origin == Origin.Sync),
            InboundManual = g.Count(i => i.Direction == Direction.Inbound && i.Origin != Origin.Sync),
            NoneAuto = g.Count(i => i.Direction == Direction.None && i.Origin == Origin.Sync),
            NoneManual = g.Count(i => i.Direction == Direction.None && i.Origin != Origin.Sync),
        });

    private sealed class TallyPart
    {
        public int Part { get; init; }
        public int RepKey { get; init; }
        public Channel Channel { get; init; }
        public int OutboundAuto { get; init; }
        public int OutboundManual { get; init; }
        public int InboundAuto { get; init; }
        public int InboundManual { get; init; }
        public int NoneAuto { get; init; }
        public int NoneManual { get; init; }
    }
}
