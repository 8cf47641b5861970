using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using LeadMail.Api.Auth;
using LeadMail.Benchmarks.Dataset;
using LeadMail.Benchmarks.Lookup;
using LeadMail.Benchmarks.Measuring;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Benchmarks.Today;

/// <summary>
/// <c>today [--requests 2000] [--warmup 300] [--warmup-seconds 15] [--seconds 60] [--tz Europe/Berlin] [--seed N]</c>:
/// the pane's <c>GET /api/me/today</c> over HTTP against the real API in its own process, for the busiest rep of
/// the dataset (the one owning the most leads with a follow-up), one client at a time, as a rep opens the pane.
/// </summary>
public static class TodayBenchmark
{
    private const double TargetP99Ms = 20;

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var requestCount = args.Int("--requests", 2_000);
        var warmupCount = args.Int("--warmup", 300, min: 0);
        var warmupTime = TimeSpan.FromSeconds(args.Int("--warmup-seconds", 15, min: 0));
        var limit = TimeSpan.FromSeconds(args.Int("--seconds", 60));
        var zone = args.All.SkipWhile(a => a != "--tz").Skip(1).FirstOrDefault() ?? "Europe/Berlin";
        var options = DatasetCommand.OptionsFrom(args);

        Console.WriteLine($"Machine: {Machine.Describe()}");
        Console.WriteLine($"Load average at start: {Machine.Load()}");
        var dataset = await LeadDataset.EnsureAsync(options, Workspace.Bench, Console.Out, ct);
        Console.WriteLine($"Dataset: {options.Reps} reps, {options.Contacts:N0} contacts, {options.Interactions:N0} touches, seed {options.Seed}, " +
                          $"anchor {options.Anchor:yyyy-MM-dd} ({(dataset.WasCached ? "cached" : $"generated in {dataset.GenerationTime.TotalSeconds:F0} s")})");

        // The API records the caller's sign-in, so it runs on a copy; the cached file stays as generated.
        var runPath = dataset.CopyTo(Path.Combine(Workspace.Bench, "run", "today.db"));
        var (repEmail, withFollowUps, owned) = BusiestRep(runPath);
        Console.WriteLine($"Caller: {repEmail}, owning {owned:N0} leads, {withFollowUps:N0} with a follow-up; time zone {zone}");

        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var api = new ApiUnderTest(runPath, signingKey);
        await using var served = await ApiProcess.StartAsync(runPath, signingKey, ct);
        var token = api.Services.GetRequiredService<LocalTokenIssuer>().Mint(repEmail, manager: false);
        Console.WriteLine($"API: {served.BaseAddress} (own process, environment {ApiUnderTest.EnvironmentName}, logging at Warning)");

        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = served.BaseAddress };
        var url = "/api/me/today?tz=" + Uri.EscapeDataString(zone);

        var warming = Stopwatch.StartNew();
        do Run(http, token, url, warmupCount, limit, HttpStatusCode.OK, ct);
        while (warmupCount > 0 && warming.Elapsed < warmupTime);
        Console.WriteLine($"Warm-up: {warming.Elapsed.TotalSeconds:F0} s");

        var run = Run(http, token, url, requestCount, limit, HttpStatusCode.OK, ct);
        // The floor: the same route refusing an unknown zone before reading the day (Kestrel, HttpClient, JWT, the caller, a ProblemDetails).
        var floor = Run(http, token, "/api/me/today?tz=Not%2FA_Zone", requestCount, limit, HttpStatusCode.BadRequest, ct);
        Console.WriteLine();
        Console.WriteLine($"{"run",-34}{"requests",10}{"p50 ms",9}{"p90 ms",9}{"p99 ms",9}{"max ms",9}{"req/s",9}{"errors",8}");
        foreach (var (name, row) in new[] { ("HTTP today, 1 client", run), ("floor: same route, 400, no day read", floor) })
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-34}{row.Count,10:N0}{row.P50,9:F3}{row.P90,9:F3}{row.P99,9:F3}{row.Max,9:F2}{row.PerSecond,9:N0}{row.Failures,8}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The day's own cost at p50: {run.P50 - floor.P50:F3} ms above the floor"));
        Console.WriteLine($"Target p99 < {TargetP99Ms} ms: {(run.P99 < TargetP99Ms ? "met" : "MISSED")} (p99 {run.P99:F2} ms)");
        Console.WriteLine($"Load average at end: {Machine.Load()}");
        return run.Failures + floor.Failures == 0 ? 0 : 1;
    }

    /// <summary>One client sends the next request as soon as the previous answer is read.</summary>
    private static Latencies Run(HttpClient http, string token, string url, int count, TimeSpan limit, HttpStatusCode expected, CancellationToken ct)
    {
        var ticks = new List<long>(count);
        var failures = 0;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count && wall.Elapsed < limit && !ct.IsCancellationRequested; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
            var started = Stopwatch.GetTimestamp();
            using var response = http.Send(request, HttpCompletionOption.ResponseContentRead, ct);
            using (var body = response.Content.ReadAsStream(ct)) body.CopyTo(Stream.Null);
            ticks.Add(Stopwatch.GetTimestamp() - started);
            if (response.StatusCode != expected) failures++;
        }
        wall.Stop();
        return new Latencies(ticks, wall.Elapsed, failures);
    }

    /// <summary>The active rep owning the most leads with a follow-up: the longest day to answer.</summary>
    private static (string Email, int WithFollowUps, int Owned) BusiestRep(string databasePath)
    {
        using var connection = new SqliteConnection(LeadDataset.ConnectionString(databasePath, readOnly: true));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.Email, SUM(c.NextFollowUpDue IS NOT NULL), COUNT(*)
            FROM Contacts c JOIN Reps r ON r.Id = c.OwnerId
            WHERE r.Role = 'Rep' AND r.Active = 1
            GROUP BY r.Id, r.Email
            ORDER BY 2 DESC, 3 DESC
            LIMIT 1
            """;
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new InvalidOperationException("The dataset has no active rep owning leads.");
        return (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2));
    }
}
