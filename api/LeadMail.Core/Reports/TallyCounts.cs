using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

/// <summary>
/// Team-wide touch counts per bucket from the hourly and daily <see cref="TouchTally"/> rows, exact in
/// any time zone. A bucket runs between two local midnights, which are arbitrary UTC instants; each
/// bucket [a, b) is counted as the whole UTC days from day(a) to day(b), plus the part of day(b) before
/// b, minus the part of day(a) before a. The part of a day before an instant t is whichever is shorter:
/// the hours from midnight to t's hour (plus the touches from that hour to t), or the whole day minus
/// the hours from t's next hour to midnight (minus the touches from t to that hour). A whole-hour zone
/// reads only tallies (Berlin: a day minus one or two hours at each boundary); a :30 or :45 zone adds
/// at most 59 minutes of touches per boundary from the touch index. Every figure stays exact.
/// </summary>
internal sealed class TallyCounts(LeadMailDb db)
{
    /// <summary>Parts per UNION ALL: SQLite allows 500 in a compound SELECT, SQL Server 2,100 parameters (two or three a part).</summary>
    private const int PartsPerQuery = 150;

    public async Task<List<BucketCount<TouchKind>>> CountAsync(ReportPeriod period, CancellationToken ct)
    {
        var buckets = period.Buckets();
        var bounds = buckets.Select(b => b.StartUtc).Append(buckets[^1].EndUtc).ToList();

        // Each part is one grouped range; Target says which bucket it adds to (or, for a boundary's
        // partial day, which boundary), Sign whether it adds or subtracts.
        var parts = new List<(IQueryable<TallyPart> Query, int Target, bool Boundary, int Sign)>();
        for (var i = 0; i < buckets.Count; i++)
        {
            var (from, to) = (TouchTallies.DayOf(bounds[i]), TouchTallies.DayOf(bounds[i + 1]));
            if (from < to) parts.Add((Tallies(TallySpan.Day, from, to, parts.Count), i, false, +1));
        }
        for (var j = 0; j < bounds.Count; j++)
        {
            var t = bounds[j];
            var day = TouchTallies.DayOf(t);
            if (t == day) continue;
            var hour = TouchTallies.HourOf(t);
            if (t - day <= TimeSpan.FromHours(12))
            {
                if (hour > day) parts.Add((Tallies(TallySpan.Hour, day, hour, parts.Count), j, true, +1));
                if (t > hour) parts.Add((Touches(hour, t, parts.Count), j, true, +1));
            }
            else
            {
                var nextHour = hour == t ? t : hour.AddHours(1);
                parts.Add((Tallies(TallySpan.Day, day, day.AddDays(1), parts.Count), j, true, +1));
                if (nextHour < day.AddDays(1)) parts.Add((Tallies(TallySpan.Hour, nextHour, day.AddDays(1), parts.Count), j, true, -1));
                if (nextHour > t) parts.Add((Touches(t, nextHour, parts.Count), j, true, -1));
            }
        }

        var totals = new Dictionary<(int Bucket, TouchKind Kind), int>();
        foreach (var chunk in parts.Chunk(PartsPerQuery))
        {
            var union = chunk.Skip(1).Aggregate(chunk[0].Query, (all, part) => all.Concat(part.Query));
            foreach (var row in await union.ToListAsync(ct))
            {
                var (_, target, boundary, sign) = parts[row.Part];
                var kind = new TouchKind { RepId = row.RepKey == 0 ? null : row.RepKey, Channel = row.Channel, Direction = row.Direction, AutoLogged = row.AutoLogged };
                var n = sign * row.Count;
                if (!boundary) Add(target, n);
                else
                {
                    // The partial day before boundary j ends bucket j - 1 and is not part of bucket j.
                    if (target > 0) Add(target - 1, n);
                    if (target < buckets.Count) Add(target, -n);
                }

                void Add(int bucket, int count) => totals[(bucket, kind)] = totals.GetValueOrDefault((bucket, kind)) + count;
            }
        }
        // A kind absent from a bucket sums to zero here; counting the touches would not list it at all.
        return totals.Where(t => t.Value != 0).Select(t => new BucketCount<TouchKind>(buckets[t.Key.Bucket], t.Key.Kind, t.Value)).ToList();
    }

    private IQueryable<TallyPart> Tallies(TallySpan span, DateTime from, DateTime to, int part) => db.TouchTallies.AsNoTracking()
        .Where(t => t.Span == span && t.Start >= from && t.Start < to)
        .GroupBy(t => new { t.RepKey, t.Channel, t.Direction, t.AutoLogged })
        .Select(g => new TallyPart { Part = part, RepKey = g.Key.RepKey, Channel = g.Key.Channel, Direction = g.Key.Direction, AutoLogged = g.Key.AutoLogged, Count = g.Sum(t => t.Count) });

    private IQueryable<TallyPart> Touches(DateTime from, DateTime to, int part) => db.Interactions.AsNoTracking()
        .Where(i => i.OccurredAt >= from && i.OccurredAt < to)
        .GroupBy(i => new { RepKey = i.RepId ?? 0, i.Channel, i.Direction, AutoLogged = i.Origin == Origin.Sync })
        .Select(g => new TallyPart { Part = part, RepKey = g.Key.RepKey, Channel = g.Key.Channel, Direction = g.Key.Direction, AutoLogged = g.Key.AutoLogged, Count = g.Count() });

    private sealed class TallyPart
    {
        public int Part { get; init; }
        public int RepKey { get; init; }
        public Channel Channel { get; init; }
        public Direction Direction { get; init; }
        public bool AutoLogged { get; init; }
        public int Count { get; init; }
    }
}
