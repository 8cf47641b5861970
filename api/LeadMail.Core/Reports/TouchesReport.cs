using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

/// <summary>
/// One rep's touches in one bucket on one channel and direction. Auto-logged touches (origin
/// sync: read from the mailbox) and manual ones (add-in, API, import) are counted apart.
/// </summary>
public sealed record TouchRow(DateOnly Start, DateOnly End, int? RepId, string? RepName, Channel Channel, Direction Direction, int AutoLogged, int Manual, int Total);

/// <summary>How many contacts needed this many outbound touches before the first connect; the last bucket is "10+".</summary>
public sealed record TouchCountBucket(string Touches, int Contacts);

/// <summary>Outbound touches before connect, over contacts whose first connect fell in the period.</summary>
public sealed record BeforeConnect(int Contacts, double? Median, double? P90, IReadOnlyList<TouchCountBucket> Distribution);

public sealed record Touches(IReadOnlyList<TouchRow> Rows, BeforeConnect BeforeConnect);

/// <summary>Touches per rep per bucket by channel and direction, and the touches-before-connect metric.</summary>
public sealed class TouchesReport(LeadMailDb db)
{
    /// <summary>The distribution's buckets are 0 to 9 touches, then one "10+" bucket.</summary>
    public const int DistributionCap = 10;

    public async Task<Touches> RunAsync(ReportPeriod period, ReportScope scope, CancellationToken ct)
    {
        // Per (rep, channel, direction), the auto-logged and manual touches of each bucket. Team-wide, from
        // the hourly to monthly tallies the ingest path keeps; one rep's, the unassigned queue's or a
        // contact filter's touches are few enough to count from the touch indexes.
        var buckets = period.Buckets();
        var series = scope == ReportScope.TeamWide
            ? await new TallyCounts(db).CountAsync(period, ct)
            : await CountTouchesAsync(period, scope, buckets, ct);

        var repIds = series.Keys.Where(k => k.RepId is not null).Select(k => k.RepId!.Value).Distinct().ToList();
        var names = await db.Reps.AsNoTracking().Where(r => repIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.DisplayName, ct);

        // Zero-filled over every bucket for each (rep, channel, direction) that occurs in the period,
        // so a quiet week shows as 0 rather than as a gap a chart would draw straight across.
        var kinds = series.Keys
            .OrderBy(k => k.RepId is null).ThenBy(k => k.RepId is { } id ? names.GetValueOrDefault(id) : null, StringComparer.Ordinal).ThenBy(k => k.RepId)
            .ThenBy(k => k.Channel).ThenBy(k => k.Direction).ToList();
        var rows = new List<TouchRow>(buckets.Count * kinds.Count);
        for (var b = 0; b < buckets.Count; b++)
        {
            foreach (var kind in kinds)
            {
                var (auto, manual) = series[kind];
                rows.Add(new TouchRow(buckets[b].Start, buckets[b].End, kind.RepId, kind.RepId is { } id ? names.GetValueOrDefault(id) : null,
                    kind.Channel, kind.Direction, auto[b], manual[b], auto[b] + manual[b]));
            }
        }

        return new Touches(rows, await BeforeConnectAsync(period, scope, ct));
    }

    private async Task<Dictionary<(int? RepId, Channel Channel, Direction Direction), (int[] Auto, int[] Manual)>> CountTouchesAsync(
        ReportPeriod period, ReportScope scope, IReadOnlyList<ReportBucket> buckets, CancellationToken ct)
    {
        var counts = await BucketCounts.CountAsync(scope.Apply(db.Interactions.AsNoTracking(), db.Contacts), i => i.OccurredAt,
            i => new TouchKind { RepId = i.RepId, Channel = i.Channel, Direction = i.Direction, AutoLogged = i.Origin == Origin.Sync }, period, ct);
        var index = buckets.Select((b, i) => (b.Start, i)).ToDictionary(b => b.Start, b => b.i);
        var series = new Dictionary<(int? RepId, Channel Channel, Direction Direction), (int[] Auto, int[] Manual)>();
        foreach (var count in counts)
        {
            var key = (count.Key.RepId, count.Key.Channel, count.Key.Direction);
            if (!series.TryGetValue(key, out var kind)) series[key] = kind = (new int[buckets.Count], new int[buckets.Count]);
            (count.Key.AutoLogged ? kind.Auto : kind.Manual)[index[count.Bucket.Start]] += count.Count;
        }
        return series;
    }

    private async Task<BeforeConnect> BeforeConnectAsync(ReportPeriod period, ReportScope scope, CancellationToken ct)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        // The ingest path keeps TouchesBeforeConnect per contact; the database returns only its histogram.
        var histogram = await scope.Apply(db.Contacts.AsNoTracking())
            .Where(c => c.FirstConnectAt >= start && c.FirstConnectAt < end && c.TouchesBeforeConnect != null)
            .GroupBy(c => c.TouchesBeforeConnect!.Value)
            .Select(g => new { Touches = g.Key, Contacts = g.Count() })
            .ToDictionaryAsync(g => g.Touches, g => g.Contacts, ct);

        var distribution = Enumerable.Range(0, DistributionCap)
            .Select(n => new TouchCountBucket(n.ToString(System.Globalization.CultureInfo.InvariantCulture), histogram.GetValueOrDefault(n)))
            .Append(new TouchCountBucket($"{DistributionCap}+", histogram.Where(h => h.Key >= DistributionCap).Sum(h => h.Value)))
            .ToList();
        return new BeforeConnect(histogram.Values.Sum(), Percentiles.FromHistogram(histogram, 0.5), Percentiles.FromHistogram(histogram, 0.9), distribution);
    }
}

/// <summary>What the touches report groups by, besides the bucket; a record, so equal kinds group together in memory too.</summary>
public sealed record TouchKind
{
    public int? RepId { get; init; }
    public Channel Channel { get; init; }
    public Direction Direction { get; init; }
    public bool AutoLogged { get; init; }
}
