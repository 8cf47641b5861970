namespace LeadMail.Benchmarks.Lookup;

public static class LookupBenchmark
{
    public static Task<int> RunAsync(BenchArgs args, CancellationToken ct) => Task.FromResult(0);
}
