using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadMail.Core.Imports;

/// <summary>
/// Runs queued imports one at a time in the background. At start it takes up every import left queued or
/// running by a previous process, which then goes on from its last committed batch.
/// </summary>
public sealed partial class ImportWorker(IServiceProvider services, ImportQueue queue, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
            var unfinished = await db.Imports.AsNoTracking().Where(i => i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running)
                .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(stoppingToken);
            foreach (var id in unfinished) queue.Enqueue(id);
        }

        await foreach (var id in queue.ReadAllAsync(stoppingToken))
        {
            await using var scope = services.CreateAsyncScope();
            var runner = scope.ServiceProvider.GetRequiredService<ImportRunner>();
            try
            {
                await runner.RunAsync(id, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: the import stays running and the next start goes on from its last batch.
                return;
            }
            catch (Exception failure)
            {
                LogFailed(id, failure);
                await runner.FailAsync(id, "The import stopped on an unexpected error; the rows committed so far stay imported.", CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} failed")]
    private partial void LogFailed(int importId, Exception failure);
}
