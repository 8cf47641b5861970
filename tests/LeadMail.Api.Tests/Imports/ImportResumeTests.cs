using LeadMail.Api.Imports;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Imports;
using LeadMail.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Tests.Imports;

/// <summary>A host stopped between two batches of an import: the next host on the same database goes on without doubling anything.</summary>
public sealed class ImportResumeTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "leadmail-tests", "resume-" + Guid.NewGuid().ToString("N"));

    public ImportResumeTests() => Directory.CreateDirectory(directory);

    private string DatabasePath => Path.Combine(directory, "leadmail.db");

    [Fact]
    public async Task A_crash_between_batches_resumes_from_the_last_committed_batch()
    {
        var tag = Unique.Token();
        var emails = Enumerable.Range(0, 10).Select(i => Unique.Email($"resume{i}")).ToList();
        // Rows 2–11: ten new leads, one repeated address, one duplicate name, one row without anything to go by.
        var csv = "Email,First Name,Last Name\n" + string.Concat(emails.Select((e, i) => $"{e},Lead{i},{tag}\n"))
                  + $"{emails[1].ToUpperInvariant()},Again,{tag}\n" + $"{Unique.Email()},Lead3,{tag}\n" + ",,\n" + "not-an-address,x,\n";
        var stopper = new StopAfterFirstBatch();
        ImportDryRunDto dry;
        int importId;
        await using (var first = new ImportApiFactory { SharedDatabasePath = DatabasePath, BatchSize = 4, Observer = stopper })
        {
            var manager = first.ManagerClient();
            dry = await manager.DryRunCsvAsync(csv);
            Assert.Equal((13, 10, 0, 2, 1), (dry.Total, dry.Create, dry.Update, dry.Duplicate, dry.Error));
            var response = await manager.UploadCsvAsync(csv, dryRun: false);
            importId = (await response.ReadAsync<ImportDto>(System.Net.HttpStatusCode.Accepted)).Id;
            await stopper.Committed.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }

        await using (var db = OpenDatabase())
        {
            var interrupted = await db.Imports.SingleAsync(i => i.Id == importId);
            Assert.Equal((ImportStatus.Running, 4, 4), (interrupted.Status, interrupted.Processed, interrupted.Created));
            Assert.Equal(4, await db.Contacts.CountAsync(c => c.LastName == tag));
        }

        await using (var second = new ImportApiFactory { SharedDatabasePath = DatabasePath, BatchSize = 4 })
        {
            var manager = second.ManagerClient();
            var resumed = await manager.WaitForImportAsync(importId);

            Assert.Equal(ImportStatus.Completed, resumed.Status);
            Assert.Equal((dry.Total, dry.Create, dry.Update, dry.Duplicate + dry.Error), (resumed.Processed, resumed.Created, resumed.Updated, resumed.Skipped));
            await using var db = OpenDatabase();
            Assert.Equal(10, await db.Contacts.CountAsync(c => c.LastName == tag));
            var addresses = await db.ContactEmails.Where(e => emails.Select(x => x.ToLowerInvariant()).Contains(e.Address)).CountAsync();
            Assert.Equal(10, addresses);
            Assert.Equal(10, await db.StageChanges.CountAsync(s => db.Contacts.Any(c => c.Id == s.ContactId && c.LastName == tag)));
            Assert.False(await db.ImportRows.AnyAsync(r => r.ImportId == importId));
        }
    }

    private SqliteLeadMailDb OpenDatabase() =>
        new(new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite(DatabaseRegistration.SqliteConnectionString($"Data Source={DatabasePath}", directory)).Options);

    public void Dispose()
    {
        SqliteConnection.ClearPool(new SqliteConnection(DatabaseRegistration.SqliteConnectionString($"Data Source={DatabasePath}", directory)));
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS temp cleaner rather than failing the run.
        }
    }

    /// <summary>Lets the first batch commit, then holds the run until the host stops: a crash between two batches.</summary>
    private sealed class StopAfterFirstBatch : IImportBatchObserver
    {
        public TaskCompletionSource<int> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task BatchCommittedAsync(Import import, CancellationToken ct)
        {
            Committed.TrySetResult(import.Processed);
            await Task.Delay(Timeout.Infinite, ct);
        }
    }
}
