using System.Diagnostics;
using LeadMail.Benchmarks.Dataset;
using LeadMail.Benchmarks.Measuring;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Benchmarks.Reports;

/// <summary>
/// <c>reports [--runs N] [--tz Europe/Berlin] [--anchor yyyy-MM-dd] [--only name]</c>: every managers' report through
/// the real Core report services (the code the API endpoints call) over the full dataset on SQLite, for
/// the last full month, the last full quarter and the twelve months to the anchor, team-wide and for the
/// rep who owns the most leads. One warm-up run, then p50 and max of N runs, each in a fresh context as
/// a request would have. The clock is the dataset's anchor, so "overdue" and "stale" mean what they did there.
/// The last column is the process's CPU time per run (median), steadier than wall time on a shared machine.
/// <c>--dump dir</c> also writes each report's answer as JSON, one file per line of the table, so two
/// builds' answers over the same dataset can be compared with <c>diff -r</c>.
/// </summary>
public static class ReportsBenchmark
{
    public const double TargetMs = 300;

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var runs = args.Int("--runs", 5);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(args.Text("--tz") ?? "Europe/Berlin");
        var only = args.Text("--only");
        var dump = args.Text("--dump");
        if (dump is not null) Directory.CreateDirectory(dump);
        var json = new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        var dataset = await LeadDataset.EnsureAsync(DatasetCommand.OptionsFrom(args), Workspace.Bench, Console.Out, ct);
        // The reports only read, but SQLite in WAL mode wants its -shm: work on a copy, as the lookup benchmark does.
        var path = dataset.CopyTo(Path.Combine(Workspace.Bench, "run", "reports.db"));
        var options = new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite(LeadDataset.ConnectionString(path)).Options;
        var clock = new FixedClock(new DateTimeOffset(dataset.Options.Anchor));

        int rep;
        await using (var db = new SqliteLeadMailDb(options))
        {
            rep = await db.Contacts.Where(c => c.OwnerId != null).GroupBy(c => c.OwnerId!.Value)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(ct);
        }

        var anchorDay = DateOnly.FromDateTime(dataset.Options.Anchor);
        var monthStart = new DateOnly(anchorDay.Year, anchorDay.Month, 1).AddMonths(-1);
        var quarterStart = new DateOnly(anchorDay.Year, (anchorDay.Month - 1) / 3 * 3 + 1, 1).AddMonths(-3);
        (string Name, DateOnly From, DateOnly To)[] periods =
        [
            ("month", monthStart, monthStart.AddMonths(1).AddDays(-1)),
            ("quarter", quarterStart, quarterStart.AddMonths(3).AddDays(-1)),
            ("year", anchorDay.AddYears(-1), anchorDay.AddDays(-1)),
        ];
        (string Name, ReportScope Scope)[] scopes = [("team", ReportScope.TeamWide), ($"rep {rep}", new ReportScope(new ReportOwner.Rep(rep)))];
        var ripeDays = new FollowUpOptions().RipeAfterDays;

        (string Name, Granularity Granularity, Func<SqliteLeadMailDb, ReportPeriod, ReportScope, Task<object>> Run)[] reports =
        [
            ("new-leads", Granularity.Day, async (db, p, s) => await new NewLeadsReport(db).RunAsync(p, s, ct)),
            ("touches", Granularity.Week, async (db, p, s) => await new TouchesReport(db).RunAsync(p, s, ct)),
            ("conversion by=source", Granularity.Month, async (db, p, s) => await new ConversionReport(db).RunAsync(p, s, ConversionGrouping.Source, ct)),
            ("conversion by=owner", Granularity.Month, async (db, p, s) => await new ConversionReport(db).RunAsync(p, s, ConversionGrouping.Owner, ct)),
            ("conversion by=cohort", Granularity.Month, async (db, p, s) => await new ConversionReport(db).RunAsync(p, s, ConversionGrouping.Cohort, ct)),
            ("pipeline", Granularity.Month, async (db, p, s) => await new PipelineReport(db).RunAsync(p, s, ct)),
            ("follow-ups", Granularity.Month, async (db, p, s) => await new FollowUpsReport(db, clock).RunAsync(p, s, ripeDays, ct)),
            ("database-health", Granularity.Month, async (db, _, s) => await new DatabaseHealthReport(db, clock).RunAsync(s, DatabaseHealthReport.DefaultStaleDays, ct)),
        ];

        Console.WriteLine($"Reports over {dataset.Options.Contacts:N0} contacts, {dataset.Options.Interactions:N0} touches (anchor {anchorDay:yyyy-MM-dd}, tz {zone.Id}); {runs} runs after a warm-up");
        Console.WriteLine($"machine: {Machine.Describe()}; load {Machine.Load()}");
        // CPU: the process's CPU time during the run (all its threads: the query, GC, JIT), a steadier
        // figure than wall time when other jobs share the cores.
        Console.WriteLine($"{"report",-22} {"period",-8} {"scope",-8} {"p50 ms",8} {"max ms",8} {"cpu ms",8}");
        var misses = 0;
        foreach (var report in reports.Where(r => only is null || r.Name.StartsWith(only, StringComparison.OrdinalIgnoreCase)))
        {
            // The state-now report takes no period: timed once per scope.
            foreach (var (periodName, from, to) in report.Name == "database-health" ? periods[..1] : periods)
            {
                var period = new ReportPeriod(from, to, zone, report.Granularity);
                foreach (var (scopeName, scope) in scopes)
                {
                    var ticks = new List<long>();
                    var cpu = new List<double>();
                    object? answer = null;
                    for (var n = 0; n <= runs; n++)
                    {
                        ct.ThrowIfCancellationRequested();
                        var watch = Stopwatch.StartNew();
                        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                        await using (var db = new SqliteLeadMailDb(options))
                        {
                            answer = await report.Run(db, period, scope);
                        }
                        if (n > 0)
                        {
                            ticks.Add(watch.ElapsedTicks);
                            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                        }
                    }
                    if (dump is not null)
                    {
                        var file = $"{report.Name}-{(report.Name == "database-health" ? "now" : periodName)}-{scopeName}.json".Replace(' ', '_').Replace('=', '_');
                        await File.WriteAllTextAsync(Path.Combine(dump, file), System.Text.Json.JsonSerializer.Serialize(answer, json), ct);
                    }
                    var latencies = new Latencies(ticks, TimeSpan.Zero);
                    var miss = latencies.Max > TargetMs;
                    if (miss) misses++;
                    var cpuP50 = cpu.Order().ElementAt((cpu.Count - 1) / 2);
                    Console.WriteLine($"{report.Name,-22} {(report.Name == "database-health" ? "now" : periodName),-8} {scopeName,-8} {latencies.P50,8:F1} {latencies.Max,8:F1} {cpuP50,8:F0}{(miss ? "  over target" : "")}");
                }
            }
        }
        SqliteConnection.ClearAllPools();
        Console.WriteLine(misses == 0 ? $"every report under {TargetMs} ms (max)" : $"{misses} line(s) over {TargetMs} ms (max)");
        return 0;
    }

    /// <summary>The dataset's "now": follow-ups overdue and leads stale as of the anchor.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
