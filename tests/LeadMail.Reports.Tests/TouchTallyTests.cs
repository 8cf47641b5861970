using System.Net;
using LeadMail.Api.Reports;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Reports;
using LeadMail.Core.Reps;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Reports.Tests;

/// <summary>
/// The team-wide touches report reads hourly, daily, weekly and monthly tallies the ingest path keeps. These tests hold
/// the tallies to the touches themselves after every kind of write (new, replayed, re-dated, forgotten)
/// and the report to counts made here, touch by touch, in zones whose midnights fall on the hour, the
/// half hour and the quarter hour, across their DST changes.
/// </summary>
public sealed class TouchTallyTests : IAsyncLifetime
{
    // Touches spread over the DST changes of both hemispheres (March/April, October/November 2025).
    private static readonly DateTime First = new(2025, 3, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly From = new(2025, 3, 24);
    private static readonly DateOnly To = new(2025, 11, 9);

    private readonly ReportHost _host = new();
    private HttpClient _manager = null!;
    private IReadOnlyList<Rep> _reps = null!;
    private readonly List<int> _contacts = [];

    public async Task InitializeAsync()
    {
        var people = await _host.AddRepsAsync(("mia@contoso.com", "Mia Manager", true), ("alice@contoso.com", "Alice Adams", false), ("bob@contoso.com", "Bob Brown", false));
        _reps = people;
        _manager = _host.ClientFor("mia@contoso.com", manager: true);
        for (var i = 0; i < 12; i++)
        {
            var lead = await _host.AddLeadAsync(new Contact { FirstName = $"Lead {i}", Emails = [new() { Address = $"lead{i}@example.com" }] }, First.AddDays(-1));
            _contacts.Add(lead.Id);
        }

        // 3,000 touches at any minute over eight months, by either rep or none, every channel and origin,
        // so local midnights in every zone below cut through counted hours.
        var random = new Random(6);
        var touches = Enumerable.Range(0, 3_000).Select(n => new Touch(
            _contacts[random.Next(_contacts.Count)],
            random.Next(5) == 0 ? null : _reps[1 + random.Next(2)].Id,
            (Channel)random.Next(4),
            random.Next(2) == 0 ? Direction.Outbound : Direction.Inbound,
            First.AddMinutes(random.Next(235 * 24 * 60)).AddSeconds(random.Next(60)),
            $"tally:{n}",
            (Origin)random.Next(4))).ToList();
        foreach (var batch in touches.Chunk(500)) await _host.RecordTouchesAsync(batch);
    }

    public Task DisposeAsync()
    {
        _manager.Dispose();
        _host.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Tallies_equal_the_touches_after_ingest_replay_update_and_delete()
    {
        await AssertTalliesMatchTouchesAsync();

        // A replayed page changes nothing.
        var stored = await _host.WithDbAsync(db => db.Interactions.Where(i => i.ContactId == _contacts[0]).OrderBy(i => i.Id).Take(50).ToList());
        await _host.RecordTouchesAsync(stored.Select(ToTouch).ToList());
        await AssertTalliesMatchTouchesAsync();

        // The mailbox moves meetings (to another hour, another day, the same hour) in one page with new touches.
        var moved = stored.Take(30).Select((i, n) => ToTouch(i) with { OccurredAt = i.OccurredAt.AddMinutes(n % 3 == 0 ? 7 : n % 3 == 1 ? 90 : 3 * 24 * 60) }).ToList();
        var added = Enumerable.Range(0, 20).Select(n => new Touch(_contacts[1], _reps[1].Id, Channel.Call, Direction.Outbound, First.AddHours(n * 5), $"late:{n}", Origin.Addin)).ToList();
        await _host.WithDbAsync(async (_, services) => await services.GetRequiredService<TouchIngest>().RecordAsync([.. moved, .. added], KnownTouchPolicy.Update, default));
        Assert.Equal(moved.Select(m => m.OccurredAt).Order(), (await _host.WithDbAsync(db => db.Interactions.Where(i => i.ContactId == _contacts[0]).OrderBy(i => i.Id).Take(30).Select(i => i.OccurredAt).ToList())).Order());
        await AssertTalliesMatchTouchesAsync();

        // The right to be forgotten takes the contact's touches out of the tallies too.
        using var deleted = await _manager.DeleteAsync($"/api/contacts/{_contacts[2]}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await _host.WithDbAsync(db => db.Interactions.Count(i => i.ContactId == _contacts[2])));
        await AssertTalliesMatchTouchesAsync();
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Tokyo")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("America/St_Johns")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Pacific/Chatham")]
    public async Task Team_wide_touches_from_tallies_equal_counting_every_touch(string tz)
    {
        var touches = await _host.WithDbAsync(db => db.Interactions.Select(i => new { i.OccurredAt, i.RepId, i.Channel, i.Direction, i.Origin }).ToList());
        foreach (var granularity in new[] { Granularity.Day, Granularity.Week, Granularity.Month })
        {
            var report = await _host.GetJsonAsync<Report<Touches>>(_manager,
                $"/api/reports/touches?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&tz={tz}&granularity={granularity.ToString().ToLowerInvariant()}");

            var inPeriod = touches.Where(t => Expected.InPeriod(t.OccurredAt, tz, From, To)).ToList();
            var expected = inPeriod
                .GroupBy(t => (Bucket: Expected.BucketOf(Expected.LocalDay(t.OccurredAt, tz), granularity, From), t.RepId, t.Channel, t.Direction))
                .ToDictionary(g => g.Key, g => (Auto: g.Count(t => t.Origin == Origin.Sync), Manual: g.Count(t => t.Origin != Origin.Sync)));
            var kinds = inPeriod.Select(t => (t.RepId, t.Channel, t.Direction)).Distinct().Count();
            Assert.Equal(Expected.BucketStarts(From, To, granularity).Count * kinds, report.Data.Rows.Count);
            foreach (var row in report.Data.Rows)
            {
                var (auto, manual) = expected.GetValueOrDefault((row.Start, row.RepId, row.Channel, row.Direction));
                Assert.True((auto, manual) == (row.AutoLogged, row.Manual),
                    $"{tz} {granularity} {row.Start} rep {row.RepId} {row.Channel}/{row.Direction}: expected {auto}+{manual}, got {row.AutoLogged}+{row.Manual}");
            }
            Assert.Equal(inPeriod.Count, report.Data.Rows.Sum(r => r.Total));
        }
    }

    private static Touch ToTouch(Interaction i) => new(i.ContactId, i.RepId, i.Channel, i.Direction, i.OccurredAt, i.NaturalKey, i.Origin, i.Outcome, i.Subject);

    /// <summary>Every tally row against the touches counted here per UTC hour, day, ISO week and month; no zero or missing rows.</summary>
    private async Task AssertTalliesMatchTouchesAsync()
    {
        var touches = await _host.WithDbAsync(db => db.Interactions.Select(i => new { i.OccurredAt, i.RepId, i.Channel, i.Direction, i.Origin }).ToList());
        var tallies = await _host.WithDbAsync(db => db.TouchTallies.ToList());
        var expected = touches
            .SelectMany(t =>
            {
                var day = new DateTime(t.OccurredAt.Year, t.OccurredAt.Month, t.OccurredAt.Day);
                var starts = new[]
                {
                    (TallySpan.Hour, day.AddHours(t.OccurredAt.Hour)),
                    (TallySpan.Day, day),
                    (TallySpan.Week, day.AddDays(-(((int)day.DayOfWeek + 6) % 7))),
                    (TallySpan.Month, new DateTime(day.Year, day.Month, 1)),
                };
                return starts.Select(s => (Span: s.Item1, Start: s.Item2, t.RepId, t.Channel, t.Direction, Auto: t.Origin == Origin.Sync));
            })
            .GroupBy(k => k)
            .ToDictionary(g => g.Key, g => g.Count());
        var actual = tallies.ToDictionary(t => (t.Span, t.Start, RepId: t.RepKey == 0 ? (int?)null : t.RepKey, t.Channel, t.Direction, Auto: t.AutoLogged), t => t.Count);

        Assert.True(expected.Count > 100);
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
    }
}
