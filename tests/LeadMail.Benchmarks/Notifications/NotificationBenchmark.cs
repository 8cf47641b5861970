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
/// <see cref="StandInGraph"/>. Latency runs from just before the POST until the touch row exists; the floor beside it is
/// the POST's own round trip in the same run. Also the Graph requests per mailbox per hour against Graph's limit of
/// 10,000 requests per 10 minutes per mailbox.
/// </summary>
public static class NotificationBenchmark
{
    private const string CompanyDomain = "contoso.example";

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var notifications = args.Int("notifications", 1000);
        var mailboxes = args.Int("mailboxes", 50);
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

            var startedAt = Stopwatch.StartNew();
            var requestsBefore = graph.RequestsPerMailbox.Values.Sum();
            using var http = new HttpClient { BaseAddress = api.BaseAddress };
            var perMailbox = Math.Max(1, notifications / mailboxes);
            var touches = new System.Collections.Concurrent.ConcurrentBag<long>();
            var posts = new System.Collections.Concurrent.ConcurrentBag<long>();
            await Parallel.ForEachAsync(leads, new ParallelOptions { MaxDegreeOfParallelism = mailboxes, CancellationToken = ct }, async (lead, token) =>
            {
                var (id, clientState) = graph.Subscriptions[(lead.Mailbox, "messages")];
                await using var db = Open(databasePath);
                for (var i = 0; i < perMailbox; i++)
                {
                    var messageId = $"<n{i}-{lead.Mailbox}@bench.example>";
                    graph.Queue(lead.Mailbox, Message(messageId, lead.Address, lead.RepEmail));
                    var key = TouchKey.ForMail(messageId, Direction.Inbound);
                    var clock = Stopwatch.StartNew();
                    using var response = await http.PostAsJsonAsync("api/sync/notifications", Notification(id, clientState, lead.Mailbox), token);
                    posts.Add(clock.ElapsedTicks);
                    response.EnsureSuccessStatusCode();
                    while (!await db.Interactions.AsNoTracking().AnyAsync(t => t.NaturalKey == key, token)) await Task.Delay(5, token);
                    touches.Add(clock.ElapsedTicks);
                }
            });
            var wall = startedAt.Elapsed;
            var requests = graph.RequestsPerMailbox.Values.Sum() - requestsBefore;
            await worker.StopAsync(CancellationToken.None);

            var touch = new Latencies(touches, wall);
            var post = new Latencies(posts, wall);
            Console.WriteLine($"{touch.Count} notifications over {mailboxes} mailboxes in {wall.TotalSeconds:F1} s");
            Console.WriteLine($"notification to touch   p50 {touch.P50,8:F1} ms   p99 {touch.P99,8:F1} ms   max {touch.Max,8:F1} ms   (target p99 < 3000 ms)");
            Console.WriteLine($"floor: POST round trip  p50 {post.P50,8:F1} ms   p99 {post.P99,8:F1} ms");
            var perHour = requests / (double)mailboxes / wall.TotalHours;
            Console.WriteLine($"Graph requests per mailbox per hour: {perHour:F0} at {perMailbox / wall.TotalMinutes:F1} notifications per mailbox per minute (Graph's limit: 60,000 per hour, 10,000 per 10 minutes)");
            return 0;
        }
        finally
        {
            Dataset.LeadDataset.DeleteDatabase(databasePath);
        }
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
