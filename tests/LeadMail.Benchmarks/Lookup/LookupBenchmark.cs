using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using LeadMail.Api.Auth;
using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;
using LeadMail.Api.Lookup;
using LeadMail.Benchmarks.Dataset;
using LeadMail.Benchmarks.Measuring;
using LeadMail.Core.Consent;
using LeadMail.Core.Contacts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadMail.Benchmarks.Lookup;

/// <summary>
/// <c>lookup [--requests 20000] [--clients 4] [--single 5000] [--warmup 3000] [--warmup-seconds 15] [--rounds 5] [--seconds 60] [--seed N]</c>:
/// the task pane's <c>GET /api/contacts/lookup</c> over HTTP against the real API, then the same rows read
/// by raw SQLite statements (the floor), at one client (latency) and at several (throughput). At one client
/// the HTTP time is also split: the handler called in process, and the same route answering 400 for a bad
/// address (Kestrel, HttpClient, JWT validation, the caller, ProblemDetails: everything but the database).
/// </summary>
public static class LookupBenchmark
{
    private const double TargetP99Ms = 10;
    private const double TargetRatio = 3;

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var requestCount = args.Int("--requests", 20_000);
        var clients = args.Int("--clients", 4);
        var singleCount = args.Int("--single", 5_000);
        var warmupCount = args.Int("--warmup", 3_000, min: 0);
        // The API is a long-running server: what a rep meets is its steady state, after the JIT has tiered up
        // the request path (with profile-guided optimisation), which takes seconds, not a number of requests.
        var warmupTime = TimeSpan.FromSeconds(args.Int("--warmup-seconds", 15, min: 0));
        // The 1-client ratio is taken from rounds, each the HTTP lookup then the floor on the same addresses,
        // so that both meet the same machine: on this VM a run moves by 20% from one minute to the next.
        var roundCount = args.Int("--rounds", 5);
        var limit = TimeSpan.FromSeconds(args.Int("--seconds", 60));
        var options = DatasetCommand.OptionsFrom(args);

        Console.WriteLine($"Machine: {Machine.Describe()}");
        Console.WriteLine($"Load average at start: {Machine.Load()}");
        var dataset = await LeadDataset.EnsureAsync(options, Workspace.Bench, Console.Out, ct);
        Console.WriteLine($"Dataset: {options.Reps} reps, {options.Contacts:N0} contacts, {options.Interactions:N0} touches, seed {options.Seed}, " +
                          $"anchor {options.Anchor:yyyy-MM-dd} ({(dataset.WasCached ? "cached" : $"generated in {dataset.GenerationTime.TotalSeconds:F0} s")})");

        // The API records the caller's sign-in, so it runs on a copy; the cached file stays as generated.
        var runPath = dataset.CopyTo(Path.Combine(Workspace.Bench, "run", "lookup.db"));
        var who = LookupRequests.Load(runPath);
        var all = who.Draw(warmupCount + singleCount + requestCount, options.Seed);
        var warmup = all[..warmupCount];
        var single = all[warmupCount..(warmupCount + singleCount)];
        var several = all[(warmupCount + singleCount)..];
        Console.WriteLine($"Callers: rep {who.RepEmail} (sees {who.RepVisible.Count:N0} addresses), manager {who.ManagerEmail} (sees {who.All.Count:N0})");

        // The API serving HTTP runs in its own process, as deployed; an in-process instance on the same file
        // and key gives the handler-alone row its services and mints the tokens.
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var api = new ApiUnderTest(runPath, signingKey);
        await using var served = await ApiProcess.StartAsync(runPath, signingKey, ct);
        var baseAddress = served.BaseAddress;
        var issuer = api.Services.GetRequiredService<LocalTokenIssuer>();
        var tokens = new Tokens(issuer.Mint(who.RepEmail, manager: false), issuer.Mint(who.ManagerEmail, manager: true));
        Console.WriteLine($"API: {baseAddress} (own process, environment {ApiUnderTest.EnvironmentName}, Release build: {IsRelease}, logging at Warning)");

        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = baseAddress };

        var raws = Enumerable.Range(0, clients).Select(_ => new RawLookup(runPath)).ToArray();
        try
        {
            var agreed = await CheckAgreementAsync(http, tokens, raws[0], who, all[..Math.Min(200, all.Length)], ct);
            Console.WriteLine($"Endpoint and raw floor read the same rows for {agreed} sampled lookups (and both hide other reps' leads).");

            var warming = Stopwatch.StartNew();
            var rounds = 0;
            do
            {
                await RunHttpAsync(http, tokens, warmup, clients, limit, ct);
                RunRaw(raws, who.RepId, warmup, clients, limit, ct);
                rounds++;
            }
            while (warmup.Length > 0 && warming.Elapsed < warmupTime);
            Console.WriteLine($"Warm-up: {rounds} round(s) of {warmup.Length:N0} HTTP and raw lookups at {clients} clients, {warming.Elapsed.TotalSeconds:F0} s");

            Console.WriteLine();
            Console.WriteLine($"{"run",-34}{"requests",10}{"p50 ms",9}{"p90 ms",9}{"p99 ms",9}{"max ms",9}{"req/s",9}{"errors",8}");
            var httpSingle = await RunHttpAsync(http, tokens, single, 1, limit, ct);
            Print("HTTP lookup, 1 client", httpSingle);
            var handlerSingle = await RunHandlerAsync(api.Services, who, single, limit, ct);
            Print("  its handler alone, in process", handlerSingle);
            var transport = await RunHttpAsync(http, tokens, single.Select(r => r with { Address = "not-an-address" }).ToArray(), 1, limit, ct, HttpStatusCode.BadRequest);
            Print("  its HTTP path alone (400, no db)", transport);
            var rawSingle = RunRaw(raws, who.RepId, single, 1, limit, ct);
            Print("raw SQLite floor, 1 client", rawSingle);
            var httpSeveral = await RunHttpAsync(http, tokens, several, clients, limit, ct);
            Print($"HTTP lookup, {clients} clients", httpSeveral);
            var rawSeveral = RunRaw(raws, who.RepId, several, clients, limit, ct);
            Print($"raw SQLite floor, {clients} clients", rawSeveral);

            Console.WriteLine();
            Console.WriteLine($"Rounds at 1 client, the HTTP lookup then the floor on the same {single.Length:N0} addresses (round 1 is the table's):");
            Console.WriteLine($"{"round",-8}{"HTTP p50",10}{"floor p50",11}{"ratio",8}{"HTTP p99",10}");
            var ratios = new List<double>(roundCount);
            var failures = httpSingle.Failures + httpSeveral.Failures;
            var p99 = Math.Max(httpSingle.P99, httpSeveral.P99);
            for (var round = 1; round <= roundCount; round++)
            {
                var (httpRound, rawRound) = round == 1
                    ? (httpSingle, rawSingle)
                    : (await RunHttpAsync(http, tokens, single, 1, limit, ct), RunRaw(raws, who.RepId, single, 1, limit, ct));
                if (round > 1) (failures, p99) = (failures + httpRound.Failures, Math.Max(p99, httpRound.P99));
                ratios.Add(httpRound.P50 / rawRound.P50);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round,-8}{httpRound.P50,10:F3}{rawRound.P50,11:F3}{ratios[^1],7:F1}x{httpRound.P99,10:F3}"));
            }
            var ratio = Rounds.Median(ratios);

            Console.WriteLine();
            Console.WriteLine($"Endpoint / raw, 1 client:   p50 {ratio:F1}x (median of {roundCount} rounds), p99 {httpSingle.P99 / rawSingle.P99:F1}x " +
                              $"(handler alone / raw: p50 {handlerSingle.P50 / rawSingle.P50:F1}x)");
            Console.WriteLine($"Endpoint / raw, {clients} clients:  p50 {httpSeveral.P50 / rawSeveral.P50:F1}x, p99 {httpSeveral.P99 / rawSeveral.P99:F1}x, " +
                              $"throughput {rawSeveral.PerSecond / httpSeveral.PerSecond:F1}x");
            Console.WriteLine($"Target p99 < {TargetP99Ms} ms: {(p99 < TargetP99Ms ? "met" : "MISSED")} (worst p99 {p99:F2} ms)");
            Console.WriteLine($"Target within {TargetRatio}x of raw (1-client p50, median round): {(ratio <= TargetRatio ? "met" : "MISSED")} ({ratio:F1}x)");
            Console.WriteLine($"Load average at end: {Machine.Load()}");
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var raw in raws) raw.Dispose();
        }
    }

    private sealed record Tokens(string Rep, string Manager);

    private static bool IsRelease =>
        typeof(global::Program).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is not [DebuggableAttribute { IsJITOptimizerDisabled: true }];

    private static void Print(string label, Latencies run) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-34}{run.Count,10:N0}{run.P50,9:F3}{run.P90,9:F3}{run.P99,9:F3}{run.Max,9:F2}{run.PerSecond,9:N0}{run.Failures,8}"));

    private static HttpRequestMessage Request(LookupRequest lookup, Tokens tokens) =>
        new(HttpMethod.Get, "/api/contacts/lookup?email=" + Uri.EscapeDataString(lookup.Address))
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", lookup.AsManager ? tokens.Manager : tokens.Rep) },
        };

    /// <summary>
    /// Each client sends its next request as soon as the previous answer is read, until the list or the time
    /// runs out. A client is a thread doing blocking I/O (HttpClient.Send), like the raw floor's clients, so
    /// the client adds no thread-pool hop of its own to the time it measures.
    /// </summary>
    private static Task<Latencies> RunHttpAsync(
        HttpClient http, Tokens tokens, LookupRequest[] requests, int clients, TimeSpan limit, CancellationToken ct, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var ticks = new long[requests.Length];
        var next = -1;
        var failures = 0;
        var wall = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, clients).Select(_ => new Thread(() =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < requests.Length && wall.Elapsed < limit && !ct.IsCancellationRequested;)
            {
                using var request = Request(requests[i], tokens);
                var started = Stopwatch.GetTimestamp();
                using var response = http.Send(request, HttpCompletionOption.ResponseContentRead, ct);
                using (var body = response.Content.ReadAsStream(ct)) body.CopyTo(Stream.Null);
                ticks[i] = Stopwatch.GetTimestamp() - started;
                if (response.StatusCode != expected) Interlocked.Increment(ref failures);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        wall.Stop();
        return Task.FromResult(new Latencies(ticks.Where(t => t > 0), wall.Elapsed, failures));
    }

    private static Latencies RunRaw(RawLookup[] raws, int repId, LookupRequest[] requests, int clients, TimeSpan limit, CancellationToken ct)
    {
        var ticks = new long[requests.Length];
        var next = -1;
        var failures = 0;
        var wall = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, clients).Select(c => new Thread(() =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < requests.Length && wall.Elapsed < limit && !ct.IsCancellationRequested;)
            {
                var started = Stopwatch.GetTimestamp();
                var found = raws[c].Find(requests[i].Address, requests[i].AsManager, repId, DateTime.UtcNow);
                ticks[i] = Stopwatch.GetTimestamp() - started;
                if (found is null) Interlocked.Increment(ref failures);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        wall.Stop();
        return new Latencies(ticks.Where(t => t > 0), wall.Elapsed, failures);
    }

    /// <summary>
    /// The endpoint's handler called directly (a DI scope per call, as a request has): what the reads and
    /// building the answer cost without Kestrel, HttpClient, JWT validation and JSON. The rest of the HTTP time is theirs.
    /// </summary>
    private static async Task<Latencies> RunHandlerAsync(IServiceProvider services, LookupRequests who, LookupRequest[] requests, TimeSpan limit, CancellationToken ct)
    {
        var rep = new Caller(who.RepId, who.RepEmail, IsManager: false);
        var manager = new Caller(who.ManagerId, who.ManagerEmail, IsManager: true);
        var reader = services.GetRequiredService<IContactLookup<ContactDto, InteractionDto>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var cap = services.GetRequiredService<IOptions<FrequencyCapOptions>>();
        var ticks = new List<long>(requests.Length);
        var failures = 0;
        var wall = Stopwatch.StartNew();
        foreach (var lookup in requests)
        {
            if (wall.Elapsed >= limit) break;
            var started = Stopwatch.GetTimestamp();
            await using (var scope = services.CreateAsyncScope())
            {
                // The parameters the route binds from the request's services.
                var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
                var result = await ContactLookupEndpoints.Lookup(lookup.AsManager ? manager : rep, reader, clock, cap, http, ct, lookup.Address);
                if (result.Result is not LeadMail.Api.Web.BufferedJson<ContactLookupDto>) failures++;
            }
            ticks.Add(Stopwatch.GetTimestamp() - started);
        }
        wall.Stop();
        return new Latencies(ticks, wall.Elapsed, failures);
    }

    /// <summary>The floor is only a floor if it reads what the endpoint reads: same contact, same 20 touches, same 7-day counts.</summary>
    private static async Task<int> CheckAgreementAsync(HttpClient http, Tokens tokens, RawLookup raw, LookupRequests who, LookupRequest[] sample, CancellationToken ct)
    {
        foreach (var lookup in sample)
        {
            using var request = Request(lookup, tokens);
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"Lookup of {lookup.Address} answered {(int)response.StatusCode}: {body}");
            var expected = raw.Find(lookup.Address, lookup.AsManager, who.RepId, DateTime.UtcNow)
                ?? throw new InvalidOperationException($"The raw floor does not find {lookup.Address}.");

            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var contactId = root.GetProperty("contact").GetProperty("id").GetInt32();
            var ids = root.GetProperty("interactions").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
            var week = root.GetProperty("touchesLast7Days").GetInt32();
            var outbound = root.GetProperty("outboundTouchesLast7Days").GetInt32();
            if (contactId != expected.ContactId || !ids.SequenceEqual(expected.InteractionIds)
                || week != expected.TouchesLast7Days || outbound != expected.OutboundTouchesLast7Days)
            {
                throw new InvalidOperationException(
                    $"Endpoint and floor disagree on {lookup.Address}: contact {contactId} vs {expected.ContactId}, " +
                    $"{ids.Count} vs {expected.InteractionIds.Count} touches, 7-day {week}/{outbound} vs {expected.TouchesLast7Days}/{expected.OutboundTouchesLast7Days}.");
            }
        }

        // And the visibility rule: another rep's lead is its restricted view for this rep, with no touches; the floor reads none.
        foreach (var address in who.RepInvisible.Take(50))
        {
            using var request = Request(new LookupRequest(address, AsManager: false), tokens);
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var restricted = response.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(body).RootElement is var root
                && root.GetProperty("access").GetString() == "restricted" && root.GetProperty("interactions").GetArrayLength() == 0;
            if (!restricted || raw.Find(address, asManager: false, who.RepId, DateTime.UtcNow) is not null)
                throw new InvalidOperationException($"{address} belongs to another rep, yet the lookup answered {(int)response.StatusCode}: {body}");
        }
        return sample.Length;
    }
}
