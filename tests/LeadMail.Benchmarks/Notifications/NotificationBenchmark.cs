using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LeadMail.Benchmarks.Lookup;
using LeadMail.Benchmarks.Measuring;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Reps;
using LeadMail.SyncWorker.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace LeadMail.Benchmarks.Notifications;

/// <summary>
/// Notification to touch: the real API (its own process, Kestrel on 127.0.0.1) receives Graph-shaped change
/// notifications, the real continuous worker (in this process) is nudged and runs the mailbox's delta round against
/// <see cref="StandInGraph"/>. Arrivals are open-loop, as a tenant's mail is: each mailbox posts its notifications at
/// seeded, jittered intervals whether or not the previous touch has landed. Latency runs from just before the POST
/// until one poller (<see cref="TouchWatch"/>) sees the touch row; the floor beside it is the POST's own round trip.
/// Then a closed-loop phase (every mailbox one notification outstanding, the next posted when its touch lands) gives
/// the throughput ceiling. Also the Graph requests per mailbox per hour against Graph's limit of 10,000 requests per
/// 10 minutes per mailbox.
/// </summary>
public static class NotificationBenchmark
{
    private const string CompanyDomain = "contoso.example";

    /// <summary>How often the one poller looks for new touches.</summary>
    private static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(10);

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var notifications = args.Int("--notifications", 1000);
        var mailboxes = args.Int("--mailboxes", 50);
        // A mailbox's notifications come a mean of this far apart (uniformly 0.5x to 1.5x): 5 a minute, far above a rep's mail.
        var intervalMs = args.Int("--interval-ms", 12_000);
        var seed = args.Int("--seed", 1, min: 0);
        var ceilingPerMailbox = args.Int("--ceiling", 4, min: 0);
        Console.WriteLine($"Notification benchmark: {Machine.Describe()}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth recording.");
#endif
        var databasePath = Path.Combine(Path.GetTempPath(), $"leadmail-notify-{Guid.NewGuid():N}.db");
        try
        {
            await using var graph = await StandInGraph.StartAsync();
            await using var api = await ApiProcess.StartAsync(databasePath, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ct);
            var leads = await SeedAsync(databasePath, mailboxes, ct);

            using var worker = WorkerHost.CreateBuilder([], continuous: true, new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:LeadMail"] = Dataset.LeadDataset.ConnectionString(databasePath),
                ["Graph:BaseUrl"] = graph.BaseUrl,
                ["Sync:CompanyDomains:0"] = CompanyDomain,
                ["Sync:NotificationUrl"] = new Uri(api.BaseAddress, "api/sync/notifications").ToString(),
                ["Sync:LifecycleNotificationUrl"] = new Uri(api.BaseAddress, "api/sync/lifecycle").ToString(),
                ["Logging:LogLevel:Default"] = "Warning",
            }).Build();
            await worker.StartAsync(ct);
            await WaitUntilSubscribedAsync(databasePath, mailboxes, ct);

            using var http = new HttpClient { BaseAddress = api.BaseAddress };
            await using var watch = new TouchWatch(() => Open(databasePath), PollPeriod);
            var perMailbox = Math.Max(1, notifications / mailboxes);
            var rate = mailboxes * 1000.0 / intervalMs;
            Console.WriteLine($"open loop: {perMailbox} notifications per mailbox, {intervalMs / 1000.0:F1} s apart on average (0.5x-1.5x, seed {seed}): "
                + $"{rate:F2} notifications/s in all, {60_000.0 / intervalMs:F1} per mailbox per minute");

            var requestsBefore = graph.RequestsPerMailbox.Values.Sum();
            var open = await OpenLoopAsync(graph, http, watch, leads, perMailbox, intervalMs, seed, ct);
            var requests = graph.RequestsPerMailbox.Values.Sum() - requestsBefore;

            var touch = new Latencies(open.Touches, open.Wall);
            var post = new Latencies(open.Posts, open.Wall);
            var (pollMedian, pollMax) = watch.PollTimes();
            Console.WriteLine($"{touch.Count} notifications over {mailboxes} mailboxes in {open.Wall.TotalSeconds:F1} s ({touch.PerSecond:F2}/s)");
            Console.WriteLine($"notification to touch   p50 {touch.P50,8:F1} ms   p99 {touch.P99,8:F1} ms   max {touch.Max,8:F1} ms   (target p99 < 3000 ms)");
            Console.WriteLine($"floor: POST round trip  p50 {post.P50,8:F1} ms   p99 {post.P99,8:F1} ms");
            Console.WriteLine($"detection: one poll every {PollPeriod.TotalMilliseconds:F0} ms (median {pollMedian:F2} ms, max {pollMax:F1} ms): adds 0-{PollPeriod.TotalMilliseconds:F0} ms to each latency");
            var perHour = requests / (double)mailboxes / open.Wall.TotalHours;
            Console.WriteLine($"Graph requests per mailbox per hour: {perHour:F0} ({requests / (double)touch.Count:F2} per notification) at {perMailbox / open.Wall.TotalMinutes:F1} notifications per mailbox per minute (Graph's limit: 60,000 per hour, 10,000 per 10 minutes)");

            if (ceilingPerMailbox > 0)
            {
                var closed = await ClosedLoopAsync(graph, http, watch, leads, ceilingPerMailbox, ct);
                var saturated = new Latencies(closed.Touches, closed.Wall);
                Console.WriteLine($"ceiling (closed loop, {mailboxes} outstanding, {saturated.Count} notifications): {saturated.PerSecond:F2} notifications/s, "
                    + $"latency then p50 {saturated.P50:F0} ms p99 {saturated.P99:F0} ms");
            }
            await worker.StopAsync(CancellationToken.None);
            return 0;
        }
        finally
        {
            Dataset.LeadDataset.DeleteDatabase(databasePath);
        }
    }

    private sealed record Phase(IReadOnlyCollection<long> Touches, IReadOnlyCollection<long> Posts, TimeSpan Wall);

    /// <summary>Each mailbox posts at its own seeded, jittered times, never waiting for a touch before the next post.</summary>
    private static async Task<Phase> OpenLoopAsync(StandInGraph graph, HttpClient http, TouchWatch watch, List<Lead> leads, int perMailbox, int intervalMs, int seed, CancellationToken ct)
    {
        var touches = new ConcurrentBag<long>();
        var posts = new ConcurrentBag<long>();
        var started = Stopwatch.StartNew();
        await Task.WhenAll(leads.Select((lead, index) => Task.Run(async () =>
        {
            var random = new Random(seed * 7919 + index);
            var landed = new List<Task>();
            // The first one anywhere in the first interval, so mailboxes do not start in step.
            var dueMs = random.NextDouble() * intervalMs;
            for (var i = 0; i < perMailbox; i++)
            {
                var wait = TimeSpan.FromMilliseconds(dueMs) - started.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                landed.Add(NotifyAsync(graph, http, watch, lead, $"o{i}", touches, posts, ct));
                dueMs += intervalMs * (0.5 + random.NextDouble());
            }
            await Task.WhenAll(landed);
        }, ct)));
        return new Phase(touches, posts, started.Elapsed);
    }

    /// <summary>Every mailbox keeps one notification outstanding: completions per second are the ceiling.</summary>
    private static async Task<Phase> ClosedLoopAsync(StandInGraph graph, HttpClient http, TouchWatch watch, List<Lead> leads, int perMailbox, CancellationToken ct)
    {
        var touches = new ConcurrentBag<long>();
        var posts = new ConcurrentBag<long>();
        var started = Stopwatch.StartNew();
        await Task.WhenAll(leads.Select(lead => Task.Run(async () =>
        {
            for (var i = 0; i < perMailbox; i++) await NotifyAsync(graph, http, watch, lead, $"c{i}", touches, posts, ct);
        }, ct)));
        return new Phase(touches, posts, started.Elapsed);
    }

    /// <summary>Queues a new message in the mailbox, posts Graph's notification for it and waits until its touch is seen.</summary>
    private static async Task NotifyAsync(StandInGraph graph, HttpClient http, TouchWatch watch, Lead lead, string tag,
        ConcurrentBag<long> touches, ConcurrentBag<long> posts, CancellationToken ct)
    {
        var (id, clientState) = graph.Subscriptions[(lead.Mailbox, "messages")];
        var messageId = $"<{tag}-{lead.Mailbox}@bench.example>";
        var seen = watch.SeenAsync(TouchKey.ForMail(messageId, Direction.Inbound));
        var postedAt = Stopwatch.GetTimestamp();
        graph.Queue(lead.Mailbox, Message(messageId, lead.Address, lead.RepEmail));
        using (var response = await http.PostAsJsonAsync("api/sync/notifications", Notification(id, clientState, lead.Mailbox), ct))
        {
            posts.Add(Stopwatch.GetTimestamp() - postedAt);
            response.EnsureSuccessStatusCode();
        }
        touches.Add(await seen.WaitAsync(ct) - postedAt);
    }

    private sealed record Lead(string Mailbox, string RepEmail, string Address);

    private static SqliteLeadMailDb Open(string path) =>
        new(new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite(Dataset.LeadDataset.ConnectionString(path)).Options);

    private static async Task<List<Lead>> SeedAsync(string path, int mailboxes, CancellationToken ct)
    {
        await using var db = Open(path);
        var now = DateTime.UtcNow;
        var leads = new List<Lead>();
        for (var i = 0; i < mailboxes; i++)
        {
            var rep = new Rep { Email = $"rep{i}@{CompanyDomain}", DisplayName = $"Rep {i}", EntraObjectId = Guid.NewGuid().ToString(), SyncEnabled = true, CreatedAt = now, UpdatedAt = now };
            db.Reps.Add(rep);
            await db.SaveChangesAsync(ct);
            var address = $"lead{i}@fabrikam.example";
            await new LeadIntake(db, TimeProvider.System).AddAsync(new Contact { FirstName = $"Lead{i}", OwnerId = rep.Id, Emails = [new ContactEmail { Address = address }] }, ct);
            leads.Add(new Lead(rep.EntraObjectId, rep.Email, address));
        }
        return leads;
    }

    /// <summary>Until every mailbox has both subscriptions and every stream has finished its first round.</summary>
    private static async Task WaitUntilSubscribedAsync(string path, int mailboxes, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        await using var db = Open(path);
        while (await db.MailSubscriptions.CountAsync(s => s.GraphSubscriptionId != null, ct) < 2 * mailboxes
               || await db.MailboxSyncs.CountAsync(ct) < 4 * mailboxes
               || await db.MailboxSyncs.AnyAsync(s => s.LastSuccessAt == null, ct))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("The worker did not subscribe and catch up every mailbox within three minutes.");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>A message as Graph's message delta sends it (the fields the worker selects).</summary>
    private static JsonObject Message(string internetMessageId, string from, string to) => new()
    {
        ["id"] = internetMessageId.Trim('<', '>'),
        ["internetMessageId"] = internetMessageId,
        ["subject"] = "Following up",
        ["from"] = new JsonObject { ["emailAddress"] = new JsonObject { ["address"] = from } },
        ["toRecipients"] = new JsonArray(new JsonObject { ["emailAddress"] = new JsonObject { ["address"] = to } }),
        ["receivedDateTime"] = DateTime.UtcNow.ToString("O"),
        ["sentDateTime"] = DateTime.UtcNow.ToString("O"),
        ["isDraft"] = false,
    };

    /// <summary>Graph's change notification collection for a created message.</summary>
    private static JsonObject Notification(string subscriptionId, string clientState, string mailbox) => new()
    {
        ["value"] = new JsonArray(new JsonObject
        {
            ["subscriptionId"] = subscriptionId,
            ["clientState"] = clientState,
            ["changeType"] = "created",
            ["resource"] = $"Users/{mailbox}/Messages/AAMk",
            ["subscriptionExpirationDateTime"] = DateTime.UtcNow.AddDays(3).ToString("O"),
            ["tenantId"] = "84bd8158-6d4d-4958-8b9f-9d6445542f95",
        }),
    };
}
