using System.Diagnostics;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Persistence.Sqlite;
using LeadMail.Core.Scoring;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Benchmarks.Dataset;

/// <summary>
/// A generated lead database on disk: created by the real migrations, filled by <see cref="DatasetWriter"/>,
/// its contacts' counters computed by the ingest path's own set-based statement. Cached by options,
/// so every benchmark over the same options (the lookup, the managers' reports) reads the same rows.
/// </summary>
public sealed class LeadDataset
{
    private LeadDataset(DatasetOptions options, string path, bool wasCached, TimeSpan generationTime)
    {
        Options = options;
        Path = path;
        WasCached = wasCached;
        GenerationTime = generationTime;
    }

    public DatasetOptions Options { get; }

    /// <summary>The cached file. Treat it as read-only: benchmarks that start the API work on a <see cref="CopyTo"/>.</summary>
    public string Path { get; }

    public bool WasCached { get; }
    public TimeSpan GenerationTime { get; }

    /// <summary>Returns the cached dataset for these options, generating it first when there is none.</summary>
    public static async Task<LeadDataset> EnsureAsync(DatasetOptions options, string cacheDirectory, TextWriter log, CancellationToken ct)
    {
        options.Validate();
        Directory.CreateDirectory(cacheDirectory);
        var path = System.IO.Path.Combine(cacheDirectory, options.CacheKey(MigrationIds()) + ".db");
        if (File.Exists(path)) return new LeadDataset(options, path, wasCached: true, TimeSpan.Zero);

        // Generated under a temporary name and renamed at the end, so an interrupted run never leaves a file that looks complete.
        var building = path + ".building";
        DeleteDatabase(building);
        var clock = Stopwatch.StartNew();
        try
        {
            log.WriteLine($"Generating dataset {System.IO.Path.GetFileName(path)} (seed {options.Seed}, anchor {options.Anchor:yyyy-MM-dd}) …");
            await using (var db = OpenContext(building))
            {
                await db.Database.MigrateAsync(ct);
            }
            SqliteConnection.ClearAllPools();

            var writer = new DatasetWriter(options, log);
            await writer.WriteAsync(building, ct);
            await RefreshCountersAsync(building, options, log, ct);
            await FillRollupsAsync(building, log, ct);
            await ScoreAsync(building, log, ct);
            await FinishAsync(building, ct);
            SqliteConnection.ClearAllPools();
            File.Move(building, path);
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            DeleteDatabase(building);
            throw;
        }
        log.WriteLine($"Dataset ready in {clock.Elapsed.TotalSeconds:F1} s: {path} ({new FileInfo(path).Length / 1_048_576} MiB)");
        return new LeadDataset(options, path, wasCached: false, clock.Elapsed);
    }

    /// <summary>Copies the dataset to <paramref name="destination"/> for a run that writes (the API records the caller's sign-in).</summary>
    public string CopyTo(string destination)
    {
        DeleteDatabase(destination);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(destination))!);
        File.Copy(Path, destination);
        return destination;
    }

    public static string ConnectionString(string path, bool readOnly = false) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();

    public static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file)) File.Delete(file);
        }
    }

    private static SqliteLeadMailDb OpenContext(string path) =>
        new(new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite(ConnectionString(path)).Options);

    private static IReadOnlyList<string> MigrationIds()
    {
        using var db = OpenContext(":memory:");
        return db.Database.GetMigrations().ToList();
    }

    /// <summary>
    /// The counters (touches total, last touch, first connect, touches before connect…) come from the
    /// same statement the ingest path runs after every touch, applied to the contacts in chunks.
    /// </summary>
    private static async Task RefreshCountersAsync(string path, DatasetOptions options, TextWriter log, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await OpenForBulkAsync(path, ct);
        var ingest = new TouchIngest(db, TimeProvider.System);
        const int chunk = 5_000;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var first = 1; first <= options.Contacts; first += chunk)
        {
            var ids = Enumerable.Range(first, Math.Min(chunk, options.Contacts - first + 1)).ToList();
            await ingest.RefreshCountersAsync(ids, ct);
        }
        await transaction.CommitAsync(ct);
        log.WriteLine($"  counters refreshed in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// What the write paths keep beside the rows the writer inserts directly: each stage change's entry
    /// time into the stage it left, and the touch tallies, by the write paths' own set-based rebuilds,
    /// so the rollups agree with the rows as the API would have kept them.
    /// </summary>
    private static async Task FillRollupsAsync(string path, TextWriter log, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await OpenForBulkAsync(path, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await Core.Pipeline.StageChanges.RecordEntriesAsync(db, ct);
        await new TouchTallies(db).RebuildAsync(ct);
        await transaction.CommitAsync(ct);
        log.WriteLine($"  stage entry times and touch tallies filled in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Every contact's score from its touches under the default <c>Scoring:*</c> rules, and those rules
    /// recorded, as an API would leave them: an unscored file would have the API rebuild it at its
    /// start (ScoringRulesWatch), under the benchmark's feet.
    /// </summary>
    private static async Task ScoreAsync(string path, TextWriter log, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await OpenForBulkAsync(path, ct);
        var rules = Microsoft.Extensions.Options.Options.Create(new ScoringOptions());
        var score = new LeadScore(rules);
        var check = new ScoringRulesCheck(db, new ScoreRebuild(db, TimeProvider.System, score), new ScoreDecay(db, TimeProvider.System, score, rules), TimeProvider.System, rules);
        var scored = await check.RebuildAsync(ct);
        log.WriteLine($"  {scored:N0} contacts scored from their touches in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// A context on the file being built, its connection kept open with settings for one writer and bulk
    /// statements: no sync per commit (a crash leaves an unfinished file, never renamed into the cache),
    /// a 256 MB page cache, temporary tables in memory.
    /// </summary>
    private static async Task<SqliteLeadMailDb> OpenForBulkAsync(string path, CancellationToken ct)
    {
        var db = OpenContext(path);
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", ct);
        return db;
    }

    /// <summary>WAL as the API runs it, statistics left as a real deployment has them (EF never runs ANALYZE).</summary>
    private static async Task FinishAsync(string path, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(ConnectionString(path));
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // The planner's statistics, as the API and the worker gather them when they start on the file.
        command.CommandText = $"{SqlitePlannerStatistics.Refresh} PRAGMA journal_mode=WAL; PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(ct);
    }
}
