using System.Collections.Concurrent;
using System.Diagnostics;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Benchmarks.Notifications;

/// <summary>
/// One poller for every touch the benchmark waits for: each poll reads only the touches inserted since the last one
/// (by primary key) and completes the waits they answer. A touch is seen at the first poll that starts after its
/// commit, so detection adds between nothing and one poll period (plus the poll's own time) to each latency.
/// </summary>
internal sealed class TouchWatch : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> waiting = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly List<double> pollMs = [];

    public TouchWatch(Func<SqliteLeadMailDb> open, TimeSpan period) => loop = Task.Run(() => PollAsync(open, period));

    /// <summary>Completes with the Stopwatch timestamp of the poll that first saw a touch with <paramref name="naturalKey"/>.</summary>
    public Task<long> SeenAsync(string naturalKey) =>
        waiting.GetOrAdd(naturalKey, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Median and slowest poll in milliseconds: what detection costs on top of the period.</summary>
    public (double Median, double Max) PollTimes()
    {
        lock (pollMs)
        {
            if (pollMs.Count == 0) return (double.NaN, double.NaN);
            var sorted = pollMs.Order().ToList();
            return (sorted[sorted.Count / 2], sorted[^1]);
        }
    }

    private async Task PollAsync(Func<SqliteLeadMailDb> open, TimeSpan period)
    {
        await using var db = open();
        var lastId = await db.Interactions.MaxAsync(t => (long?)t.Id) ?? 0;
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                var at = Stopwatch.GetTimestamp();
                var since = lastId;
                var seen = await db.Interactions.AsNoTracking().Where(t => t.Id > since).Select(t => new { t.Id, t.NaturalKey }).ToListAsync(stop.Token);
                lock (pollMs) pollMs.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                foreach (var touch in seen)
                {
                    lastId = Math.Max(lastId, touch.Id);
                    waiting.GetOrAdd(touch.NaturalKey, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(at);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
