using System.Diagnostics;
using System.Globalization;
using System.Text;
using LeadMail.Benchmarks.Measuring;
using LeadMail.Core.Contacts;
using LeadMail.Core.Imports;
using LeadMail.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Benchmarks.Imports;

/// <summary>
/// A spreadsheet import through Core's own services on a fresh SQLite file, at 10,000 and 100,000 generated rows
/// (5 % repeated addresses, 1 % rows without anything to import), read from a file on disk: parse, dry run and commit
/// time, rows/s, the peak managed heap of each phase and what it allocated per row, how the peaks grow from the smaller
/// size to the larger, and the commit's ratio to a raw prepared insert of the same new leads (target ≤ 5x), in the same run.
/// Options: --rows N (the larger size), --batch N (rows per transaction).
/// </summary>
public static class ImportBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var largest = args.Int("--rows", 100_000, min: 100);
        var batch = args.Int("--batch", new ImportOptions().BatchSize);
        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"load {Machine.Load()}; batches of {batch} rows");
        var peaks = new List<(int Rows, Phase DryRun, Phase Commit)>();
        foreach (var rows in new[] { Math.Min(10_000, largest), largest }.Distinct())
        {
            peaks.Add(await RunOneAsync(rows, batch, ct));
        }
        if (peaks.Count == 2)
        {
            var (small, large) = (peaks[0], peaks[1]);
            Console.WriteLine($"peak heap from {small.Rows:N0} to {large.Rows:N0} rows ({large.Rows / (double)small.Rows:N0}x the rows): " +
                              $"dry run {large.DryRun.PeakHeapBytes / (double)small.DryRun.PeakHeapBytes:N2}x, commit {large.Commit.PeakHeapBytes / (double)small.Commit.PeakHeapBytes:N2}x");
        }
        Console.WriteLine($"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:N0} MB");
        return 0;
    }

    private static async Task<(int Rows, Phase DryRun, Phase Commit)> RunOneAsync(int rows, int batch, CancellationToken ct)
    {
        // The file on disk, as the upload spools it: what the phases hold of it is theirs to show.
        var csvPath = Path.Combine(Path.GetTempPath(), $"importbench-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(csvPath, Generate(rows, out var fresh), ct);
        Console.WriteLine($"{rows:N0} rows ({new FileInfo(csvPath).Length / 1024.0 / 1024.0:N1} MB CSV), {fresh:N0} new leads");
        var options = Options.Create(new ImportOptions { BatchSize = batch });
        var clock = TimeProvider.System;
        var path = Path.Combine(Path.GetTempPath(), $"importbench-{Guid.NewGuid():N}.db");
        var rawPath = Path.Combine(Path.GetTempPath(), $"importbench-raw-{Guid.NewGuid():N}.db");
        try
        {
            await MigrateAsync(path, ct);
            ImportTable table = null!;
            var parse = await Measure(() =>
            {
                table = ImportFile.Read(ImportFormat.Csv, () => File.OpenRead(csvPath));
                return Task.CompletedTask;
            });
            var mapping = ColumnMapping.For(table.Headers, null);
            Report("parse", rows, parse);

            DryRunResult dry = null!;
            var dryRun = await Measure(async () =>
            {
                await using var db = Open(path);
                dry = await new ImportDryRun(db, options).RunAsync(table, mapping, new ImportDefaults("Benchmark fair", null), byManager: true, byRepId: 1, ct);
            });
            Report("dry run", rows, dryRun);
            Console.WriteLine($"  plan: {dry.Create:N0} create, {dry.Update:N0} update, {dry.Duplicate:N0} duplicate, {dry.Error:N0} error");

            Import import = null!;
            var commit = await Measure(async () =>
            {
                await using (var db = Open(path))
                {
                    import = await new ImportSubmission(db, new ImportQueue(), clock, options)
                        .SubmitAsync(new ImportRequest("bench.csv", table, mapping, new ImportDefaults("Benchmark fair", null), false, 1, true), ct);
                }
                await using (var db = Open(path))
                {
                    await new ImportRunner(db, new LeadIntake(db, clock), clock, []).RunAsync(import.Id, ct);
                }
            });
            Report("commit (store rows + batches)", rows, commit);
            await using (var check = Open(path))
            {
                var done = await check.Imports.AsNoTracking().SingleAsync(i => i.Id == import.Id, ct);
                var agrees = done.Created == dry.Create && done.Updated == dry.Update && done.Skipped == dry.Duplicate + dry.Error;
                Console.WriteLine($"  committed: {done.Created:N0} created, {done.Updated:N0} updated, {done.Skipped:N0} skipped; equal to the dry run: {agrees}");
            }

            await MigrateAsync(rawPath, ct);
            var raw = await Measure(() => RawInsertAsync(rawPath, table, mapping, ct));
            Report("raw prepared insert of the new leads", fresh, raw);
            Console.WriteLine($"  commit / raw insert: {commit.Elapsed.TotalMilliseconds / raw.Elapsed.TotalMilliseconds:N1}x (target ≤ 5x)");
            return (rows, dryRun, commit);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(csvPath);
            foreach (var db in new[] { path, rawPath })
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
                File.Delete(f);
        }
    }

    /// <summary>
    /// Deterministic rows: every 20th repeats an earlier row's address in another case (5 %), every 100th has neither
    /// a valid address nor a name (1 %); the rest are new leads.
    /// </summary>
    private static byte[] Generate(int rows, out int fresh)
    {
        var random = new Random(19);
        var text = new StringBuilder("First Name;Last Name;E-Mail-Adresse;Firma;Telefon geschäftlich;Ort\n");
        fresh = 0;
        for (var i = 0; i < rows; i++)
        {
            if (i % 100 == 99) text.Append(";;nicht-gültig;;;\n");
            else if (i % 20 == 19 && i > 0)
            {
                var earlier = random.Next(0, i - 1);
                text.Append(CultureInfo.InvariantCulture, $"Again;Person{earlier};LEAD{earlier}@BENCH.EXAMPLE;;;\n");
            }
            else
            {
                fresh++;
                text.Append(CultureInfo.InvariantCulture,
                    $"Vorname{i};Person{i};lead{i}@bench.example;Firma {i % 5_000} GmbH;+49 30 {i:D7};{(i % 2 == 0 ? "Köln" : "München")}\n");
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The floor: each new lead and its address with prepared statements, one transaction per batch.</summary>
    private static async Task RawInsertAsync(string path, ImportTable table, ColumnMapping mapping, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(ct);
        await using var contact = connection.CreateCommand();
        contact.CommandText = """
            INSERT INTO Contacts (FirstName, LastName, Company, Phone, City, Source, NameKey, Stage, Priority, PrioritySetByHand, Score, ScoreBase,
                DoNotCall, DoNotEmail, Unsubscribed, TouchesTotal, OutboundSinceConnect, CreatedAt, UpdatedAt, Version)
            VALUES ($first, $last, $company, $phone, $city, 'Benchmark fair', $key, 'New', 'Low', 0, 0, 0, 0, 0, 0, 0, 0, $now, $now, 1)
            RETURNING Id
            """;
        var parameters = new[] { "$first", "$last", "$company", "$phone", "$city", "$key", "$now" }.ToDictionary(n => n, n => contact.Parameters.Add(n, SqliteType.Text));
        await using var email = connection.CreateCommand();
        email.CommandText = "INSERT INTO ContactEmails (ContactId, Address, IsPrimary, HistoryPending) VALUES ($contact, $address, 1, 1)";
        var emailContact = email.Parameters.Add("$contact", SqliteType.Integer);
        var emailAddress = email.Parameters.Add("$address", SqliteType.Text);
        var seen = new HashSet<string>();
        var leads = table.Rows().Select(r => ImportedLead.From(r.Row, mapping.Read(r.Cells), new ImportDefaults("Benchmark fair", null)))
            .Where(l => l.ErrorField is null && l.Email is not null && seen.Add(l.Email));
        foreach (var chunk in leads.Chunk(new ImportOptions().BatchSize))
        {
            await using var transaction = connection.BeginTransaction();
            contact.Transaction = email.Transaction = transaction;
            foreach (var lead in chunk)
            {
                parameters["$first"].Value = (object?)lead.FirstName ?? DBNull.Value;
                parameters["$last"].Value = (object?)lead.LastName ?? DBNull.Value;
                parameters["$company"].Value = (object?)lead.Company ?? DBNull.Value;
                parameters["$phone"].Value = (object?)lead.Phone ?? DBNull.Value;
                parameters["$city"].Value = (object?)lead.City ?? DBNull.Value;
                parameters["$key"].Value = (object?)lead.NameKey ?? DBNull.Value;
                parameters["$now"].Value = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                emailContact.Value = await contact.ExecuteScalarAsync(ct);
                emailAddress.Value = lead.Email;
                await email.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
    }

    private static SqliteLeadMailDb Open(string path) =>
        new(new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite($"Data Source={path};Default Timeout=30").Options);

    private static async Task MigrateAsync(string path, CancellationToken ct)
    {
        await using var db = Open(path);
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        db.Reps.Add(new Core.Reps.Rep { Email = "importer@bench.example", DisplayName = "Importer", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
    }

    private sealed record Phase(TimeSpan Elapsed, long StartHeapBytes, long PeakHeapBytes, long AllocatedBytes);

    /// <summary>Times the work, samples the managed heap while it runs for the phase's peak, and counts what it allocated.</summary>
    private static async Task<Phase> Measure(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var start = GC.GetTotalMemory(forceFullCollection: true);
        var peak = start;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(10);
            }
        });
        var watch = Stopwatch.StartNew();
        await work();
        watch.Stop();
        await stop.CancelAsync();
        await sampler;
        return new Phase(watch.Elapsed, start, Math.Max(peak, GC.GetTotalMemory(false)), GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }

    private static void Report(string phase, int rows, Phase measured) =>
        Console.WriteLine($"  {phase}: {measured.Elapsed.TotalMilliseconds:N0} ms, {rows / measured.Elapsed.TotalSeconds:N0} rows/s, " +
                          $"peak heap {measured.PeakHeapBytes / 1024.0 / 1024.0:N1} MB ({(measured.PeakHeapBytes - measured.StartHeapBytes) / 1024.0 / 1024.0:N1} MB above its start), allocated {measured.AllocatedBytes / (double)rows / 1024.0:N1} KB/row");
}
