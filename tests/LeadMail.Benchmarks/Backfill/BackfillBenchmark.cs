using System.Diagnostics;
using System.Runtime.InteropServices;
using LeadMail.Benchmarks.Measuring;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Demo;
using LeadMail.SyncWorker.Hosting;
using LeadMail.SyncWorker.Sync;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadMail.Benchmarks.Backfill;

/// <summary>
/// <c>dotnet run -c Release --project tests/LeadMail.Benchmarks -- backfill [--messages 100000] [--rounds 5]</c>:
/// a mailbox of N messages (half inbox, half sent) served by the sample Graph on 127.0.0.1, backfilled
/// through the real worker (Graph SDK, matching, TouchIngest, link commits) into a fresh SQLite file;
/// then the same touch rows inserted raw, in the same transactions, into another fresh file: the floor. A smaller
/// mailbox runs first so peak memory can be compared across sizes; the full one and its floor run --rounds times.
/// </summary>
public static class BackfillBenchmark
{
    private const int Leads = 2_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = ArgValue(args, "--messages") ?? 100_000;
        // The load average says how much of the machine the figures had (shared build machines run several jobs).
        var load = File.Exists("/proc/loadavg") ? $", load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}" : "";
        Console.WriteLine($"Sync backfill benchmark: {Environment.ProcessorCount} cores{load}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {RuntimeInformation.ProcessArchitecture}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth recording.");
#endif
        // Runs on a small virtual machine move by ±20 % from one to the next, and the first full round still
        // runs partly unoptimised code (JIT tiers): the ratio is the median of several rounds.
        var rounds = ArgValue(args, "--rounds") ?? 5;
        var small = Math.Max(1_000, messages / 4);
        var warm = await RunPipelineAsync(small);
        // The floor's code warms up too (JIT tiers), or the first round would compare a warm pipeline with a cold floor.
        await RunFloorAsync(warm);
        var measured = new List<(Run Pipeline, Floor Floor)>();
        for (var round = 0; round < rounds; round++)
        {
            var run = await RunPipelineAsync(messages);
            measured.Add((run, await RunFloorAsync(run)));
            if (round < rounds - 1) File.Delete(run.DatabasePath);
        }
        var full = measured[^1].Pipeline;
        var reading = await RunReadingAsync(messages, parse: true);
        var serving = await RunReadingAsync(messages, parse: false);

        Console.WriteLine();
        Console.WriteLine("| run | messages | touches | seconds | messages/s | CPU seconds | peak managed heap | live heap after | peak working set |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Print("pipeline", warm);
        for (var round = 0; round < measured.Count; round++)
        {
            var (run, raw) = measured[round];
            Print($"pipeline, round {round + 1}", run);
            Console.WriteLine($"| raw batched insert (floor, the pipeline's {raw.Commits:N0} commits), round {round + 1} | {messages:N0} | {raw.Touches:N0} | {raw.Seconds:F2} | {messages / raw.Seconds:N0} | {raw.CpuSeconds:F2} | | | |");
        }
        Console.WriteLine($"| Graph reading only: stand-in, HTTP, the worker's reader | {messages:N0} | | {reading.Seconds:F2} | {messages / reading.Seconds:N0} | {reading.CpuSeconds:F2} | | | |");
        Console.WriteLine($"| stand-in and HTTP only (no SDK) | {messages:N0} | | {serving.Seconds:F2} | {messages / serving.Seconds:N0} | {serving.CpuSeconds:F2} | | | |");
        Console.WriteLine();
        var times = measured.Select(m => m.Pipeline.Seconds / m.Floor.Seconds).ToList();
        var cpu = measured.Select(m => m.Pipeline.CpuSeconds / m.Floor.CpuSeconds).ToList();
        Console.WriteLine($"Pipeline vs floor, median of {measured.Count} rounds: {Rounds.Median(times):F1}x the floor's time ({string.Join(", ", times.Select(t => $"{t:F1}x"))}), " +
            $"{Rounds.Median(cpu):F1}x its CPU time. Peak managed heap {warm.Messages:N0} → {full.Messages:N0} messages (first round): {Mb(warm.PeakHeap)} → {Mb(measured[0].Pipeline.PeakHeap)}.");
        if (File.Exists("/proc/loadavg")) Console.WriteLine($"Load average at the end: {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}.");
        File.Delete(full.DatabasePath);
        File.Delete(warm.DatabasePath);
        return 0;
    }

    private static void Print(string name, Run run) =>
        Console.WriteLine($"| {name} | {run.Messages:N0} | {run.Touches:N0} | {run.Seconds:F2} | {run.Messages / run.Seconds:N0} | {run.CpuSeconds:F2} | {Mb(run.PeakHeap)} | {Mb(run.LiveHeapAfter)} | {Mb(run.PeakWorkingSet)} |");

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F0} MB";

    /// <param name="CpuSeconds">The process's CPU time over the run (worker, Graph stand-in and SQLite alike): less swayed than the wall clock by other jobs on a shared machine.</param>
    /// <param name="LiveHeapAfter">What is still reachable after the round, the worker's host still up: the peak also holds garbage not yet collected, which a longer run lets grow.</param>
    private sealed record Run(int Messages, int Touches, double Seconds, double CpuSeconds, long PeakHeap, long LiveHeapAfter, long PeakWorkingSet, string DatabasePath);

    /// <param name="Commits">Transactions, as many as the pipeline committed the same rows in.</param>
    private sealed record Floor(int Touches, double Seconds, double CpuSeconds, int Commits);

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static async Task<Run> RunPipelineAsync(int messages)
    {
        var path = Path.Combine(Path.GetTempPath(), $"leadmail-backfill-{Guid.NewGuid():N}.db");
        const string rep = "bench@contoso.com";
        var mailbox = new SampleMailbox([rep], Leads, messages / 2, messages - messages / 2, 0, DateTime.UtcNow.Date);
        await using var graph = SampleGraphServer.Start(mailbox);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:LeadMail"] = $"Data Source={path}",
            ["Database:Provider"] = "Sqlite",
            ["Graph:BaseUrl"] = graph.BaseUrl,
            ["Graph:TenantId"] = "",
            ["Graph:ClientId"] = "",
            ["Graph:ClientSecret"] = "",
            ["Sync:CompanyDomains:0"] = SampleMailbox.CompanyDomain,
            ["Sync:ExcludedAddresses:90"] = "@mailer.example.com",
            ["Sync:PageSize"] = "1000",
            ["Sync:MaxConcurrentStreams"] = Environment.GetEnvironmentVariable("BENCH_STREAMS") ?? "12",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = Environment.GetEnvironmentVariable("BENCH_SQL_LOG") is null ? "Warning" : "Information",
            ["Logging:LogLevel:LeadMail.SyncWorker.Sync.StreamSync"] = Environment.GetEnvironmentVariable("BENCH_PAGE_LOG") is null ? "Warning" : "Debug",
        };
        using var host = WorkerHost.CreateBuilder([], continuous: false, settings).Build();
        await host.StartAsync();
        await SeedAsync(host.Services, rep, mailbox);

        GC.Collect();
        using var sampler = new MemorySampler();
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        var report = await host.Services.GetRequiredService<SyncRound>().RunAsync(once: true, CancellationToken.None);
        clock.Stop();
        var cpuSeconds = (Cpu() - cpu).TotalSeconds;
        sampler.Stop();
        var live = GC.GetTotalMemory(forceFullCollection: true);
        await host.StopAsync();
        if (!report.AllSucceeded) throw new InvalidOperationException("The backfill failed: " + string.Join("; ", report.Streams.Select(s => s.Error)));
        if (report.Items != messages) throw new InvalidOperationException($"Read {report.Items} items, expected {messages}.");
        return new Run(messages, report.TouchesRecorded, clock.Elapsed.TotalSeconds, cpuSeconds, sampler.PeakHeap, live, sampler.PeakWorkingSet, path);
    }

    private static async Task SeedAsync(IServiceProvider services, string repEmail, SampleMailbox mailbox)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
        var now = DateTime.UtcNow;
        db.Reps.Add(new Rep { Email = repEmail, DisplayName = "Bench", SyncEnabled = true, CreatedAt = now, UpdatedAt = now });
        db.Contacts.AddRange(mailbox.Leads.Select(l => new Contact
        {
            FirstName = l.FirstName,
            LastName = l.LastName,
            Company = l.Company,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
            Emails = [new ContactEmail { Address = l.Email, IsPrimary = true }],
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// What reading the mailbox costs alone, both folders at once as the round reads them: through the worker's
    /// <see cref="DeltaPageReader"/> (the Graph SDK's requests and retry pipeline, our page parsing) when <paramref name="parse"/>,
    /// otherwise plain HTTP GETs of the same pages whose next link is picked out with System.Text.Json.
    /// </summary>
    private static async Task<(double Seconds, double CpuSeconds)> RunReadingAsync(int messages, bool parse)
    {
        const string rep = "bench@contoso.com";
        var mailbox = new SampleMailbox([rep], Leads, messages / 2, messages - messages / 2, 0, DateTime.UtcNow.Date);
        await using var graph = SampleGraphServer.Start(mailbox);
        var path = Path.Combine(Path.GetTempPath(), $"leadmail-reading-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:LeadMail"] = $"Data Source={path}",
            ["Graph:BaseUrl"] = graph.BaseUrl,
            ["Sync:PageSize"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        using var host = WorkerHost.CreateBuilder([], continuous: false, settings).Build();
        using var http = new HttpClient();

        async Task<int> ReadAsync(MailboxStream stream)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var reader = scope.ServiceProvider.GetRequiredService<DeltaPageReader>();
            string? link = null;
            var items = 0;
            while (true)
            {
                if (parse)
                {
                    var page = await reader.ReadAsync(rep, stream, link, CancellationToken.None);
                    items += page.ItemCount;
                    link = page.NextLink;
                }
                else
                {
                    var folder = stream == MailboxStream.Inbox ? "inbox" : "sentitems";
                    using var request = new HttpRequestMessage(HttpMethod.Get,
                        link ?? $"{graph.BaseUrl}/users/{rep}/mailFolders/{folder}/messages/delta?$select=internetMessageId,from,toRecipients,ccRecipients,bccRecipients,subject,receivedDateTime,sentDateTime,isDraft");
                    request.Headers.Add("Prefer", "odata.maxpagesize=1000");
                    using var response = await http.SendAsync(request);
                    using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                    items += json.RootElement.GetProperty("value").GetArrayLength();
                    link = json.RootElement.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
                }
                if (link is null) return items;
            }
        }

        GC.Collect();
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        var read = await Task.WhenAll(ReadAsync(MailboxStream.Inbox), ReadAsync(MailboxStream.SentItems));
        clock.Stop();
        var cpuSeconds = (Cpu() - cpu).TotalSeconds;
        if (read.Sum() != messages) throw new InvalidOperationException($"Read {read.Sum()} items, expected {messages}.");
        SqliteConnection.ClearAllPools();
        File.Delete(path);
        return (clock.Elapsed.TotalSeconds, cpuSeconds);
    }

    /// <summary>
    /// The same touch rows, read back from the pipeline's file, inserted by a prepared statement in the same
    /// transactions the pipeline committed them in: a commit's touches share their <c>RecordedAt</c>, so the
    /// floor pays for as many commits, each as large, as the pipeline did.
    /// </summary>
    private static async Task<Floor> RunFloorAsync(Run pipeline)
    {
        var path = Path.Combine(Path.GetTempPath(), $"leadmail-floor-{Guid.NewGuid():N}.db");
        await using (var db = new SqliteLeadMailDb(new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite($"Data Source={path}").Options))
            await db.Database.MigrateAsync();

        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA journal_mode=WAL;");
        await Execute(connection, $"ATTACH DATABASE '{pipeline.DatabasePath}' AS source;");
        // Contacts by their stored columns: SELECT * would also return the database-computed phone key, which cannot be inserted.
        var contactColumns = string.Join(", ", (await Names(connection, "SELECT name FROM pragma_table_info('Contacts')")).Select(n => $"\"{n}\""));
        await Execute(connection, $"INSERT INTO Reps SELECT * FROM source.Reps; INSERT INTO Contacts ({contactColumns}) SELECT {contactColumns} FROM source.Contacts; INSERT INTO ContactEmails SELECT * FROM source.ContactEmails;");
        var rows = new List<object?[]>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT ContactId, RepId, Channel, Direction, OccurredAt, Subject, Outcome, Origin, NaturalKey, IsConnect, RecordedAt FROM source.Interactions ORDER BY Id";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new object?[reader.FieldCount];
                reader.GetValues(row!);
                rows.Add(row);
            }
        }
        await Execute(connection, "DETACH DATABASE source;");

        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        var commits = 0;
        foreach (var batch in Commits(rows, recordedAt: 10))
        {
            commits++;
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO Interactions (ContactId, RepId, Channel, Direction, OccurredAt, Subject, Outcome, Origin, NaturalKey, IsConnect, OverFrequencyCap, RecordedAt) VALUES ($c, $r, $ch, $d, $o, $s, $out, $or, $k, $i, 0, $rec)";
            var parameters = new[] { "$c", "$r", "$ch", "$d", "$o", "$s", "$out", "$or", "$k", "$i", "$rec" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            insert.Prepare();
            foreach (var row in batch)
            {
                for (var i = 0; i < parameters.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        clock.Stop();
        var cpuSeconds = (Cpu() - cpu).TotalSeconds;
        await connection.CloseAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(path);
        return new Floor(rows.Count, clock.Elapsed.TotalSeconds, cpuSeconds, commits);
    }

    /// <summary>Consecutive rows with the same value in column <paramref name="recordedAt"/>.</summary>
    private static IEnumerable<List<object?[]>> Commits(List<object?[]> rows, int recordedAt)
    {
        var batch = new List<object?[]>();
        foreach (var row in rows)
        {
            if (batch.Count > 0 && !Equals(batch[0][recordedAt], row[recordedAt]))
            {
                yield return batch;
                batch = [];
            }
            batch.Add(row);
        }
        if (batch.Count > 0) yield return batch;
    }

    private static async Task<List<string>> Names(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static int? ArgValue(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : null;
    }

    /// <summary>Samples the managed heap and working set every 50 ms, keeping the highest.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer timer;
        private long peakHeap, peakWorkingSet;

        public MemorySampler() => timer = new Timer(_ => Sample(), null, 0, 50);

        public long PeakHeap => Interlocked.Read(ref peakHeap);
        public long PeakWorkingSet => Interlocked.Read(ref peakWorkingSet);

        private void Sample()
        {
            var heap = GC.GetTotalMemory(false);
            var workingSet = Environment.WorkingSet;
            if (heap > Interlocked.Read(ref peakHeap)) Interlocked.Exchange(ref peakHeap, heap);
            if (workingSet > Interlocked.Read(ref peakWorkingSet)) Interlocked.Exchange(ref peakWorkingSet, workingSet);
        }

        public void Stop()
        {
            timer.Change(Timeout.Infinite, Timeout.Infinite);
            Sample();
        }

        public void Dispose() => timer.Dispose();
    }
}
