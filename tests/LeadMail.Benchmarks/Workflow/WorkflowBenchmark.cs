using System.Diagnostics;
using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Benchmarks.Workflow;

/// <summary>
/// The workflow's costs on a SQLite file: the set-based score decay over 100,000 contacts, the
/// ingest path with its workflow effects, and routed lead creation with round-robin under
/// parallel load. Deterministic data (fixed seed); figures vary with the machine.
/// </summary>
public static class WorkflowBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wfbench-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite($"Data Source={path};Default Timeout=30").Options;
        SqliteLeadMailDb NewDb() => new(options);
        var clock = TimeProvider.System;
        const int contacts = 100_000;
        Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, SQLite file, {contacts:N0} contacts");

        await using (var db = NewDb())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.ExecuteSqlRawAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {contacts})
                INSERT INTO Contacts (FirstName, Stage, Priority, PrioritySetByHand, Score, ScoreBase, DoNotCall, DoNotEmail, Unsubscribed,
                    TouchesTotal, OutboundSinceConnect, CreatedAt, UpdatedAt, Version, Interest)
                SELECT 'c' || i, 'New', 'Low', 0, 0, (i % 100) * 1.7, 0, 0, 0, 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1, 'i' || (i % 50) FROM n
                """);
            db.Reps.AddRange(Enumerable.Range(0, 10).Select(i => new LeadMail.Core.Reps.Rep { Email = $"r{i}@x.com", DisplayName = $"r{i}", CreatedAt = clock.GetUtcNow().UtcDateTime, UpdatedAt = clock.GetUtcNow().UtcDateTime }));
            await db.SaveChangesAsync();
            var group = new RepGroup { Name = "team", Members = Enumerable.Range(1, 10).Select(i => new RepGroupMember { RepId = i, Position = i }).ToList() };
            db.RepGroups.Add(group);
            await db.SaveChangesAsync();
            for (var r = 0; r < 20; r++)
                db.AssignmentRules.Add(new AssignmentRule { Name = $"rule{r}", Position = r, Interest = r < 19 ? $"nomatch{r}" : null, RepGroupId = group.Id, CreatedAt = clock.GetUtcNow().UtcDateTime, UpdatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }

        for (var run = 1; run <= 3; run++)
        {
            await using var db = NewDb();
            var scoring = Options.Create(new ScoringOptions());
            var watch = Stopwatch.StartNew();
            var updated = await new ScoreDecay(db, clock, new LeadScore(scoring), scoring).RecalculateAsync(ct);
            Console.WriteLine($"set-based score decay, run {run}: {updated:N0} contacts in {watch.ElapsedMilliseconds} ms");
        }

        {
            const int batches = 40, perBatch = 50;
            var random = new Random(42);
            var watch = Stopwatch.StartNew();
            for (var b = 0; b < batches; b++)
            {
                await using var db = NewDb();
                var ingest = new TouchIngest(db, clock);
                var touches = Enumerable.Range(0, perBatch).Select(i => new Touch(random.Next(1, 500), 1, Channel.Email,
                    i % 3 == 0 ? Direction.Inbound : Direction.Outbound, clock.GetUtcNow().UtcDateTime.AddDays(-random.Next(0, 60)), $"mail:{Guid.NewGuid()}", Origin.Sync)).ToList();
                await ingest.RecordAsync(touches, KnownTouchPolicy.Update, ct);
            }
            var total = batches * perBatch;
            Console.WriteLine($"ingest with workflow effects: {total:N0} touches in batches of {perBatch} over 500 contacts: {watch.ElapsedMilliseconds} ms ({total * 1000.0 / watch.ElapsedMilliseconds:N0} touches/s)");
        }

        {
            const int leads = 500;
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, leads), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
            {
                await using var db = NewDb();
                await new LeadIntake(db, clock).AddAsync(new Contact { Interest = "any", Emails = [new ContactEmail { Address = $"lead{i}@bench.example" }] }, token);
            });
            Console.WriteLine($"routed creations (20 rules, last one round-robin over 10 reps), 4 in parallel: {leads} in {watch.ElapsedMilliseconds} ms ({watch.ElapsedMilliseconds * 1.0 / leads:N2} ms each)");
            await using var check = NewDb();
            var perRep = await check.Contacts.Where(c => c.Interest == "any").GroupBy(c => c.OwnerId).Select(g => g.Count()).ToListAsync();
            Console.WriteLine($"  leads per rep: {string.Join(", ", perRep)}");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        return 0;
    }
}
