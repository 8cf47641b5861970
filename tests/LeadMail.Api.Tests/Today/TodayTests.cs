using System.Net;
using LeadMail.Api.HandOvers;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Api.Today;

namespace LeadMail.Api.Tests.Today;

/// <summary>The rep's day, counted in the rep's own time zone: overdue, due today, cadence attempts, ripe leads, hand-overs.</summary>
public sealed class TodayTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    private static DateTime Utc(string instant) => DateTime.Parse(instant, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    private static async Task<TodayDto> TodayAsync(HttpClient client, string tz) =>
        await (await client.GetAsync($"/api/me/today?tz={Uri.EscapeDataString(tz)}")).ReadAsync<TodayDto>();

    [Fact]
    public async Task Around_midnight_the_day_is_the_reps_local_day_not_the_utc_one()
    {
        using var rep = api.ClientFor("today.midnight@contoso.com");
        api.Clock.Set(new DateTimeOffset(Utc("2026-03-10T03:30:00Z")));
        var tonight = await rep.CreateLeadAsync(ownerId: (await rep.MeAsync()).Id, nextFollowUpDue: Utc("2026-03-10T02:00:00Z"));
        var afterMidnight = await rep.CreateLeadAsync(ownerId: tonight.OwnerId, nextFollowUpDue: Utc("2026-03-10T05:00:00Z"));
        var yesterday = await rep.CreateLeadAsync(ownerId: tonight.OwnerId, nextFollowUpDue: Utc("2026-03-09T03:00:00Z"));

        // 23:30 on 9 March in New York: 01:00 on the 10th is tomorrow, though it is the same UTC day as now.
        var newYork = await TodayAsync(rep, "America/New_York");
        Assert.Equal(new DateOnly(2026, 3, 9), newYork.Date);
        Assert.Equal([tonight.Id], newYork.Today.Select(l => l.ContactId));
        Assert.Equal([yesterday.Id], newYork.Overdue.Select(l => l.ContactId));
        Assert.Equal(TodayEndpoints.Limit, newYork.Limit);

        // 04:30 on 10 March in Berlin: both are today, and 04:00 on the 9th was yesterday.
        var berlin = await TodayAsync(rep, "Europe/Berlin");
        Assert.Equal(new DateOnly(2026, 3, 10), berlin.Date);
        Assert.Equal([tonight.Id, afterMidnight.Id], berlin.Today.Select(l => l.ContactId));
        Assert.Equal([yesterday.Id], berlin.Overdue.Select(l => l.ContactId));
        var line = berlin.Today[0];
        Assert.Equal(TodayKind.FollowUp, line.Kind);
        Assert.Equal("Ada Lovelace", line.DisplayName);
        Assert.Equal(tonight.Email, line.Email);
        Assert.Equal(Utc("2026-03-10T02:00:00Z"), line.When);
    }

    [Fact]
    public async Task On_the_day_clocks_go_forward_the_day_is_23_hours()
    {
        using var rep = api.ClientFor("today.dst@contoso.com");
        var me = (await rep.MeAsync()).Id;
        api.Clock.Set(new DateTimeOffset(Utc("2026-03-29T21:30:00Z")));
        var justAfterMidnight = await rep.CreateLeadAsync(ownerId: me, nextFollowUpDue: Utc("2026-03-28T23:15:00Z"));
        var lateEvening = await rep.CreateLeadAsync(ownerId: me, nextFollowUpDue: Utc("2026-03-29T21:45:00Z"));
        await rep.CreateLeadAsync(ownerId: me, nextFollowUpDue: Utc("2026-03-29T22:15:00Z"));

        var day = await TodayAsync(rep, "Europe/Berlin");

        Assert.Equal(new DateOnly(2026, 3, 29), day.Date);
        Assert.Equal(Utc("2026-03-28T23:00:00Z"), day.DayStartsAt);
        Assert.Equal(Utc("2026-03-29T22:00:00Z"), day.DayEndsAt);
        Assert.Equal([justAfterMidnight.Id, lateEvening.Id], day.Today.Select(l => l.ContactId));
        Assert.Empty(day.Overdue);
    }

    [Fact]
    public async Task A_cadence_step_says_its_attempt_and_an_untouched_lead_says_how_long()
    {
        using var rep = api.ClientFor("today.cadence@contoso.com");
        var me = (await rep.MeAsync()).Id;
        var start = Utc("2026-05-04T08:00:00Z");
        api.Clock.Set(new DateTimeOffset(start));
        var called = await rep.CreateLeadAsync(ownerId: me, firstName: "Called");
        await (await rep.PostJsonAsync($"/api/contacts/{called.Id}/interactions", new { channel = "call", outcome = "noAnswer" }))
            .ExpectAsync(HttpStatusCode.Created);
        var forgotten = await rep.CreateLeadAsync(ownerId: me, firstName: "Forgotten");

        api.Clock.Set(new DateTimeOffset(start.AddDays(40)));
        var day = await TodayAsync(rep, "UTC");

        var step = Assert.Single(day.Overdue.Concat(day.Today), l => l.ContactId == called.Id);
        Assert.Equal(TodayKind.CadenceAttempt, step.Kind);
        Assert.NotNull(step.Attempt);
        Assert.Equal($"attempt {step.Attempt} of 10", step.Why);
        var ripe = Assert.Single(day.Ripe);
        Assert.Equal(forgotten.Id, ripe.ContactId);
        Assert.Equal(TodayKind.Ripe, ripe.Kind);
        Assert.Equal("untouched 40 days", ripe.Why);
    }

    [Fact]
    public async Task A_rep_sees_only_their_leads_and_requests_for_them_and_a_manager_gets_a_count_per_rep()
    {
        using var alice = api.ClientFor("today.alice@contoso.com", displayName: "Alice Today");
        using var bob = api.ClientFor("today.bob@contoso.com");
        using var manager = api.ManagerClient("today.manager@contoso.com");
        var aliceId = (await alice.MeAsync()).Id;
        var now = Utc("2026-06-01T12:00:00Z");
        api.Clock.Set(new DateTimeOffset(now));
        var alices = await alice.CreateLeadAsync(ownerId: aliceId, nextFollowUpDue: now.AddDays(-2));
        await alice.CreateLeadAsync(ownerId: aliceId, nextFollowUpDue: now.AddHours(2));
        var asked = await (await bob.PostJsonAsync($"/api/contacts/{alices.Id}/hand-over-requests", new { note = "My territory" }))
            .ReadAsync<HandOverRequestDto>(HttpStatusCode.Created);

        var bobsDay = await TodayAsync(bob, "UTC");
        Assert.Empty(bobsDay.Overdue);
        Assert.Empty(bobsDay.HandOvers);
        Assert.Null(bobsDay.PerRep);

        var alicesDay = await TodayAsync(alice, "UTC");
        var handOver = Assert.Single(alicesDay.HandOvers);
        Assert.Equal((alices.Id, asked.Id, "My territory", TodayKind.HandOver), (handOver.ContactId, handOver.HandOverRequestId!.Value, handOver.Why, handOver.Kind));

        var managersDay = await TodayAsync(manager, "UTC");
        Assert.Empty(managersDay.Overdue);
        var count = Assert.Single(managersDay.PerRep!, r => r.RepId == aliceId);
        Assert.Equal(new RepDayCount(aliceId, "Alice Today", 1, 1), count);
    }

    [Theory]
    [InlineData("/api/me/today")]
    [InlineData("/api/me/today?tz=")]
    [InlineData("/api/me/today?tz=Mars/Olympus_Mons")]
    public async Task An_unknown_time_zone_is_400_naming_tz(string url)
    {
        using var rep = api.ClientFor("today.badtz@contoso.com");
        Assert.NotEmpty(await (await rep.GetAsync(url)).FieldErrorAsync("tz"));
        using var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/today?tz=UTC")).StatusCode);
    }
}
