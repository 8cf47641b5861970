using System.Globalization;
using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Interactions;
using LeadMail.Core.Pipeline;
using LeadMail.Core.Reps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadMail.Reports.Tests;

/// <summary>A generated lead as the test remembers it, independent of what the database stores.</summary>
public sealed record GeneratedLead(int Id, DateTime CreatedAt, string? Source, string? Interest, string? Region, int? OwnerId);

/// <summary>A stage move as the test made it, in the order it was made.</summary>
public sealed record GeneratedStageChange(int ContactId, Stage? From, Stage To, string? Reason, DateTime At);

public sealed record GeneratedTouch(int ContactId, int? RepId, Channel Channel, Direction Direction, Outcome? Outcome, Origin Origin, DateTime OccurredAt);

/// <summary>
/// A deterministic dataset (fixed seed) loaded through the real write paths, plus the in-memory lists
/// it was made from: each test computes its expected figures from these lists with plain LINQ.
/// </summary>
public sealed class GeneratedDataset : IAsyncLifetime
{
    /// <summary>One source holds a comma and quotes, so the CSV must quote it.</summary>
    public static readonly string?[] Sources = ["fair", "web", "referral", "Trade, \"Expo\" 2026", null];
    public static readonly string?[] Interests = ["solar", "heat-pump", null];
    public static readonly string?[] Regions = ["BY", "NRW", "NY", null];

    public ReportHost Host { get; } = new();
    public Rep Alice { get; private set; } = null!;
    public Rep Bob { get; private set; } = null!;
    public Rep Carol { get; private set; } = null!;
    public Rep Mia { get; private set; } = null!;
    public List<GeneratedLead> Leads { get; } = [];
    public List<GeneratedTouch> Touches { get; } = [];
    public List<GeneratedStageChange> StageChanges { get; } = [];

    public static readonly string[] LostReasons = ["Chose a competitor", "No budget", "No budget", "Price too high"];
    public static readonly string[] NurtureReasons = ["Not ready this year", "Waiting for funding"];

    public HttpClient Manager => Host.ClientFor(Mia.Email, manager: true);
    public HttpClient RepClient(Rep rep) => Host.ClientFor(rep.Email, manager: false);

    public async Task InitializeAsync()
    {
        var reps = await Host.AddRepsAsync(
            ("alice@contoso.com", "Alice Adams", false), ("bob@contoso.com", "Bob Brown", false),
            ("carol@contoso.com", "Carol Clark", false), ("mia@contoso.com", "Mia Manager", true));
        (Alice, Bob, Carol, Mia) = (reps[0], reps[1], reps[2], reps[3]);
        int?[] owners = [Alice.Id, Bob.Id, Carol.Id, null];

        var random = new Random(20261126);
        var first = new DateTime(2025, 12, 20, 0, 0, 0, DateTimeKind.Utc);
        var span = (new DateTime(2026, 7, 10, 0, 0, 0, DateTimeKind.Utc) - first).TotalSeconds;
        var contacts = Enumerable.Range(0, 600).Select(n =>
        {
            var created = first.AddSeconds(Math.Floor(random.NextDouble() * span));
            return new Contact
            {
                FirstName = $"Lead{n}",
                Source = Pick(random, Sources),
                Interest = Pick(random, Interests),
                Region = Pick(random, Regions),
                OwnerId = Pick(random, owners),
                CreatedAt = created,
                UpdatedAt = created,
                Version = 1,
            };
        }).ToList();
        await Host.AddContactsAsync(contacts);
        Leads.AddRange(contacts.Select(c => new GeneratedLead(c.Id, c.CreatedAt, c.Source, c.Interest, c.Region, c.OwnerId)));

        var channels = Enum.GetValues<Channel>();
        var key = 0;
        foreach (var contact in contacts.Where((_, i) => i % 2 == 0))
        {
            var count = random.Next(0, 15);
            for (var i = 0; i < count; i++)
            {
                var channel = channels[random.Next(channels.Length)];
                var direction = channel is Channel.Note ? Direction.None : random.Next(4) == 0 ? Direction.Inbound : Direction.Outbound;
                Outcome? outcome = channel switch
                {
                    Channel.Call => Pick(random, new Outcome?[] { Outcome.Connected, Outcome.NoAnswer, Outcome.LeftMessage, Outcome.SpokeToSomeoneElse }),
                    Channel.Meeting => Pick(random, new Outcome?[] { Outcome.Held, Outcome.Cancelled }),
                    _ => null,
                };
                var origin = channel is Channel.Email or Channel.Meeting && random.Next(3) > 0 ? Origin.Sync : Pick(random, new[] { Origin.Addin, Origin.Api, Origin.Import });
                var rep = random.Next(5) == 0 ? Pick(random, owners) : contact.OwnerId ?? Alice.Id;
                var at = contact.CreatedAt.AddSeconds(Math.Floor(random.NextDouble() * 90 * 86400));
                Touches.Add(new GeneratedTouch(contact.Id, rep, channel, direction, outcome, origin, at));
            }
        }
        var ingest = Touches.Select(t => new Touch(t.ContactId, t.RepId, t.Channel, t.Direction, t.OccurredAt,
            $"test:{key++.ToString(CultureInfo.InvariantCulture)}", t.Origin, t.Outcome)).ToList();
        foreach (var batch in ingest.Chunk(400)) await Host.RecordTouchesAsync(batch);

        await MoveThroughThePipelineAsync(random);
        await PromiseFollowUpsAsync(random);
    }

    /// <summary>
    /// A third of the leads move forward through the real <see cref="Core.Pipeline.StageChanges"/> service, each move at
    /// its own time (a clock per move), some to won, some lost or nurtured with a reason; the first
    /// change of some is the creation record, as LeadIntake writes it, so time in new can be measured.
    /// </summary>
    private async Task MoveThroughThePipelineAsync(Random random)
    {
        Stage[] forward = [Stage.MarketingQualified, Stage.SalesQualified, Stage.Proposal, Stage.Agreement, Stage.Won];
        await Host.WithDbAsync(async (db, services) =>
        {
            var routing = services.GetRequiredService<LeadRouting>();
            foreach (var lead in Leads.Where((_, i) => i % 3 == 0))
            {
                var contact = await db.Contacts.SingleAsync(c => c.Id == lead.Id);
                var at = lead.CreatedAt;
                if (random.Next(2) == 0)
                {
                    db.StageChanges.Add(new StageChange { ContactId = lead.Id, From = null, To = Stage.New, At = at });
                    StageChanges.Add(new(lead.Id, null, Stage.New, null, at));
                }
                var steps = random.Next(1, forward.Length + 1);
                var path = forward.Take(steps).Select(s => (To: s, Reason: (string?)null)).ToList();
                if (path[^1].To != Stage.Won)
                {
                    var end = random.Next(5);
                    if (end < 2) path.Add((Stage.Lost, LostReasons[random.Next(LostReasons.Length)]));
                    else if (end == 2) path.Add((Stage.Nurture, NurtureReasons[random.Next(NurtureReasons.Length)]));
                }
                foreach (var (to, reason) in path)
                {
                    at = at.AddSeconds(random.Next(3600, 25 * 86400));
                    var from = contact.Stage;
                    var moved = await new StageChanges(db, new FakeTimeProvider(new DateTimeOffset(at, TimeSpan.Zero)), routing)
                        .MoveAsync(contact, to, reason, lead.OwnerId, byManager: false, default);
                    if (moved.Outcome != StageMoveOutcome.Moved) throw new InvalidOperationException($"{from} to {to}: {moved.Outcome}");
                    StageChanges.Add(new(lead.Id, from, to, reason, moved.Change!.At));
                }
                await db.SaveChangesAsync();
            }
        });
    }

    /// <summary>
    /// A quarter of the leads get a promised follow-up through the real <see cref="FollowUpSchedule"/>, and for
    /// half of those the owner calls around the due time, through the ingest path that completes it.
    /// </summary>
    private async Task PromiseFollowUpsAsync(Random random)
    {
        var promises = Leads.Where((_, i) => i % 4 == 1)
            .Select(l => (Lead: l, PromisedAt: l.CreatedAt.AddHours(random.Next(1, 48)), Due: l.CreatedAt.AddHours(random.Next(48, 24 * 40)), Call: random.Next(2) == 0, CallShift: random.Next(-48, 96)))
            .ToList();
        await Host.WithDbAsync(async (db, _) =>
        {
            foreach (var promise in promises)
            {
                var contact = await db.Contacts.SingleAsync(c => c.Id == promise.Lead.Id);
                await new FollowUpSchedule(db, new FakeTimeProvider(new DateTimeOffset(promise.PromisedAt, TimeSpan.Zero)))
                    .SetAsync(contact, promise.Due, "Call back", null, promise.Lead.OwnerId, default);
                await db.SaveChangesAsync();
            }
        });
        var calls = new List<Touch>();
        foreach (var promise in promises.Where(p => p.Call))
        {
            var at = promise.Due.AddHours(promise.CallShift);
            if (at <= promise.PromisedAt) at = promise.PromisedAt.AddMinutes(5);
            var rep = promise.Lead.OwnerId ?? Alice.Id;
            Touches.Add(new GeneratedTouch(promise.Lead.Id, rep, Channel.Call, Direction.Outbound, Outcome.NoAnswer, Origin.Addin, at));
            calls.Add(new Touch(promise.Lead.Id, rep, Channel.Call, Direction.Outbound, at, $"test:call:{promise.Lead.Id.ToString(CultureInfo.InvariantCulture)}", Origin.Addin, Outcome.NoAnswer));
        }
        await Host.RecordTouchesAsync(calls);
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

[CollectionDefinition(Name)]
public sealed class GeneratedDatasetCollection : ICollectionFixture<GeneratedDataset>
{
    public const string Name = "generated dataset";
}
