using LeadMail.Benchmarks.Backfill;
using LeadMail.Benchmarks.Dataset;
using LeadMail.Benchmarks.Lookup;
using LeadMail.Benchmarks.Workflow;

namespace LeadMail.Benchmarks;

/// <summary>
/// One program, one benchmark per first argument: <c>dotnet run -c Release --project tests/LeadMail.Benchmarks -- lookup</c>.
/// Add a benchmark by adding a line to <see cref="Benchmarks"/> and a folder beside Lookup/.
/// (A class rather than top-level statements, whose global Program would clash with the API's.)
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, (string Summary, Func<BenchArgs, CancellationToken, Task<int>> Run)> Benchmarks =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["dataset"] = ("generate (or find cached) the lead dataset and print what it holds", DatasetCommand.RunAsync),
            ["lookup"] = ("GET /api/contacts/lookup over HTTP against the raw SQLite floor", LookupBenchmark.RunAsync),
            ["today"] = ("GET /api/me/today over HTTP for the busiest rep, p99 against 20 ms", Today.TodayBenchmark.RunAsync),
            ["workflow"] = ("score decay over 100,000 contacts, ingest with workflow effects, routed creation", WorkflowBenchmark.RunAsync),
            ["backfill"] = ("sync worker backfill from a local Graph stand-in against a raw batched insert", (a, _) => BackfillBenchmark.RunAsync(a.All)),
            ["reports"] = ("every managers' report through the Core report services: month, quarter, year; team and one rep", Reports.ReportsBenchmark.RunAsync),
            ["notifications"] = ("Graph change notification to touch over HTTP with the continuous worker: p50/p99 against the POST floor, Graph requests per mailbox", Notifications.NotificationBenchmark.RunAsync),
            ["import"] = ("a CSV import of 10,000 and 100,000 rows: dry run, commit, peak heap, against a raw prepared insert", Imports.ImportBenchmark.RunAsync),
        };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var benchmark))
        {
            Console.Error.WriteLine("usage: dotnet run -c Release --project tests/LeadMail.Benchmarks -- <benchmark> [options]");
            foreach (var (name, (summary, _)) in Benchmarks) Console.Error.WriteLine($"  {name,-10} {summary}");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            return await benchmark.Run(new BenchArgs(args[1..]), cancel.Token);
        }
        catch (ArgumentException bad)
        {
            Console.Error.WriteLine(bad.Message);
            return 2;
        }
    }
}
