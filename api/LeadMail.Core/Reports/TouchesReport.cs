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
        // Team-wide, the hourly and daily tallies the ingest path keeps; one rep's, the unassigned queue's
        // or a contact filter's touches are few enough to count from the touch indexes.
        var counts = scope == ReportScope.TeamWide
            ? await new TallyCounts(db).CountAsync(period, ct)
            : (await BucketCounts.CountAsync(scope.Apply(db.Interactions.AsNoTracking(), db.Contacts), i => i.OccurredAt,
                    i => new TouchKind { RepId = i.RepId, Channel = i.Channel, Direction = i.Direction, AutoLogged = i.Origin == Origin.Sync }, period, ct))
                .GroupBy(c => (c.Bucket.Start, c.Key.RepId, c.Key.Channel, c.Key.Direction))
                .Select(g => new TouchCount(g.Key.Start, g.Key.RepId, g.Key.Channel, g.Key.Direction,
                    g.Where(c => c.Key.AutoLogged).Sum(c => c.Count), g.Where(c => !c.Key.AutoLogged).Sum(c => c.Count)))
                .ToList();

        var repIds = counts.Where(c => c.RepId is not null).Select(c => c.RepId!.Value).Distinct().ToList();
        var names = await db.Reps.AsNoTracking().Where(r => repIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.DisplayName, ct);

        // Zero-filled over every bucket for each (rep, channel, direction) that occurs in the period,
        // so a quiet week shows as 0 rather than as a gap a chart would draw straight across.
        var perBucket = counts.ToDictionary(c => (c.Start, c.RepId, c.Channel, c.Direction), c => (Auto: c.AutoLogged, c.Manual));
        var kinds = counts.Select(c => (c.RepId, c.Channel, c.Direction)).Distinct()
            .OrderBy(k => k.RepId is null).ThenBy(k => k.RepId is { } id ? names.GetValueOrDefault(id) : null, StringComparer.Ordinal).ThenBy(k => k.RepId)
            .ThenBy(k => k.Channel).ThenBy(k => k.Direction).ToList();
        var rows = (
            from b in period.Buckets()
            from k in kinds
            let n = perBucket.GetValueOrDefault((b.Start, k.RepId, k.Channel, k.Direction))
            select new TouchRow(b.Start, b.End, k.RepId, k.RepId is { } id ? names.GetValueOrDefault(id) : null, k.Channel, k.Direction, n.Auto, n.Manual, n.Auto + n.Manual))
            .ToList();

        return new Touches(rows, await BeforeConnectAsync(period, scope, ct));
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

/// <summary>One bucket's touches of one rep on one channel and direction, auto-logged and manual.</summary>
public sealed record TouchCount(DateOnly Start, int? RepId, Channel Channel, Direction Direction, int AutoLogged, int Manual);

/// <summary>What the touches report groups by, besides the bucket; a record, so equal kinds group together in memory too.</summary>
public sealed record TouchKind
{
    public int? RepId { get; init; }
    public Channel Channel { get; init; }
    public Direction Direction { get; init; }
    public bool AutoLogged { get; init; }
}
