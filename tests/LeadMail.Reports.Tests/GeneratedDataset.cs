using System.Globalization;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Reps;

namespace LeadMail.Reports.Tests;

/// <summary>A generated lead as the test remembers it, independent of what the database stores.</summary>
public sealed record GeneratedLead(int Id, DateTime CreatedAt, string? Source, string? Interest, string? Region, int? OwnerId);

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
