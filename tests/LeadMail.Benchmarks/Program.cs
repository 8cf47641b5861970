using LeadMail.Benchmarks;
using LeadMail.Benchmarks.Dataset;
using LeadMail.Benchmarks.Lookup;

// One program, one benchmark per first argument: `dotnet run -c Release --project tests/LeadMail.Benchmarks -- lookup`.
// Add a benchmark by adding a line here and a folder beside Lookup/.
var benchmarks = new Dictionary<string, (string Summary, Func<BenchArgs, CancellationToken, Task<int>> Run)>(StringComparer.OrdinalIgnoreCase)
{
    ["dataset"] = ("generate (or find cached) the lead dataset and print its path", DatasetCommand.RunAsync),
    ["lookup"] = ("GET /api/contacts/lookup over HTTP against the raw SQLite floor", LookupBenchmark.RunAsync),
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/LeadMail.Benchmarks -- <benchmark> [options]");
    foreach (var (name, (summary, _)) in benchmarks) Console.Error.WriteLine($"  {name,-10} {summary}");
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
