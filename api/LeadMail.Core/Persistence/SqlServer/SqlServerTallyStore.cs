using LeadMail.Core.Interactions;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Persistence.SqlServer;

/// <summary>SQL Server: the tallies adjusted through the change tracker.</summary>
internal sealed class SqlServerTallyStore(LeadMailDb db) : ITallyStore
{
    /// <summary>The tallies of the changed hours and days are loaded and adjusted, saved with the rest of the unit of work.</summary>
    public async Task AddAsync(List<KeyValuePair<TallyKey, int>> changes, CancellationToken ct)
    {
        var starts = changes.Select(c => c.Key.Start).Distinct().ToList();
        var stored = (await db.TouchTallies.Where(t => starts.Contains(t.Start)).ToListAsync(ct))
            .ToDictionary(t => new TallyKey(t.Span, t.Start, t.RepKey, t.Channel, t.Direction, t.AutoLogged));
        foreach (var (key, delta) in changes)
        {
            if (stored.TryGetValue(key, out var tally))
            {
                tally.Count += delta;
                if (tally.Count == 0) db.TouchTallies.Remove(tally);
            }
            else
            {
                db.TouchTallies.Add(new TouchTally
                {
                    Span = key.Span, Start = key.Start, RepKey = key.RepKey, Channel = key.Channel, Direction = key.Direction, AutoLogged = key.AutoLogged, Count = delta,
                });
            }
        }
    }

    public Task FlushAsync(CancellationToken ct) => db.SaveChangesAsync(ct);

    public Task RebuildAsync(CancellationToken ct) => db.Database.ExecuteSqlRawAsync(Rebuild, ct);

    /// <summary>
    /// Every tally counted from the touches in one statement, instants truncated as EF Core stores them
    /// (weeks start on Monday: 1900-01-01, day 0, was one).
    /// </summary>
    internal const string Rebuild = """
        INSERT INTO [TouchTallies] ([Span], [Start], [RepKey], [Channel], [Direction], [AutoLogged], [Count])
        SELECT N'Hour', DATEADD(hour, DATEDIFF(hour, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
        FROM [Interactions]
        GROUP BY DATEADD(hour, DATEDIFF(hour, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END
        UNION ALL
        SELECT N'Day', DATEADD(day, DATEDIFF(day, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
        FROM [Interactions]
        GROUP BY DATEADD(day, DATEDIFF(day, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END
        UNION ALL
        SELECT N'Week', DATEADD(day, DATEDIFF(day, 0, [OccurredAt]) / 7 * 7, CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
        FROM [Interactions]
        GROUP BY DATEADD(day, DATEDIFF(day, 0, [OccurredAt]) / 7 * 7, CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END
        UNION ALL
        SELECT N'Month', DATEADD(month, DATEDIFF(month, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END, COUNT(*)
        FROM [Interactions]
        GROUP BY DATEADD(month, DATEDIFF(month, 0, [OccurredAt]), CAST('19000101' AS datetime2)), COALESCE([RepId], 0), [Channel], [Direction], CASE WHEN [Origin] = N'Sync' THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END;
        """;

}
