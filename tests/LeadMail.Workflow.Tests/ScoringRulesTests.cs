using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Workflow.Tests;

/// <summary>
/// The API started again with other <c>Scoring:*</c> settings brings the stored scores in line by itself.
/// Each test starts its own hosts on one database: the first as configured before, the second after.
/// </summary>
public sealed class ScoringRulesTests
{
    /// <summary>How long the second host's background check may take on a handful of contacts before the test gives up.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Started_with_new_weights_the_API_rebuilds_every_stored_score_from_the_touches()
    {
        using var before = new WorkflowHost(new Dictionary<string, string>());
        var (rep, contact) = await LeadWithACallAsync(before);
        Assert.Equal((16d, Priority.Medium), Of(await before.GetContactAsync(rep, contact.Id)));

        using var after = new WorkflowHost(new Dictionary<string, string> { ["Scoring:ConnectedCall"] = "45" }, before.DatabasePath);
        var (manager, _) = await after.RepAsync("boss", manager: true);

        var shown = await EventuallyAsync(() => after.GetContactAsync(manager, contact.Id), c => c.Score > 16);
        Assert.Equal((46d, Priority.High), Of(shown));
        var applied = await AppliedAsync(after);
        Assert.Contains("connectedCall=45", applied.ScoreRules);
    }

    [Fact]
    public async Task Started_with_new_thresholds_the_API_recalculates_the_priorities_and_keeps_the_scores()
    {
        using var before = new WorkflowHost(new Dictionary<string, string>());
        var (_, contact) = await LeadWithACallAsync(before);
        var scoreRules = (await AppliedAsync(before)).ScoreRules;

        using var after = new WorkflowHost(new Dictionary<string, string> { ["Scoring:MediumThreshold"] = "20" }, before.DatabasePath);
        var (manager, _) = await after.RepAsync("boss", manager: true);

        var shown = await EventuallyAsync(() => after.GetContactAsync(manager, contact.Id), c => c.Priority != Priority.Medium);
        Assert.Equal((16d, Priority.Low), Of(shown));
        var applied = await AppliedAsync(after);
        Assert.Equal(scoreRules, applied.ScoreRules);
        Assert.Contains("mediumThreshold=20", applied.PriorityRules);
    }

    [Fact]
    public async Task Unchanged_rules_redo_nothing_and_a_database_without_a_record_is_rebuilt_once()
    {
        using var host = new WorkflowHost(new Dictionary<string, string>());
        var (rep, contact) = await LeadWithACallAsync(host);
        // The new database was recorded at start, before any contact existed.
        await AppliedAsync(host);

        Assert.Equal(ScoringRulesChange.None, await ApplyAsync(host));

        // A database from before the record existed, its bases kept under weights nobody knows any more.
        await host.WithDbAsync(async db =>
        {
            await db.AppliedScoringRules.ExecuteDeleteAsync();
            return await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.ScoreBase, c => c.ScoreBase / 2).SetProperty(c => c.Score, c => c.Score / 2));
        });
        Assert.Equal(8d, Of(await host.GetContactAsync(rep, contact.Id)).Item1);

        Assert.Equal(ScoringRulesChange.Scores, await ApplyAsync(host));
        Assert.Equal((16d, Priority.Medium), Of(await host.GetContactAsync(rep, contact.Id)));
        Assert.Equal(ScoringRulesChange.None, await ApplyAsync(host));
    }

    [Fact]
    public void The_recorded_rules_read_back_as_the_options_they_were_written_from()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 1_000; i++)
        {
            // Any double the settings allow, fractions and negatives included, must survive the text.
            double Any()
            {
                var value = (random.NextDouble() - 0.5) * 2_000;
                var digits = random.Next(0, 17);
                return digits > 15 ? value : Math.Round(value, digits);
            }

            // Within what Scoring:* accepts: medium at or below high.
            static (double, double) Ordered(double a, double b) => a <= b ? (a, b) : (b, a);

            var written = new ScoringOptions
            {
                InboundEmail = Any(), MeetingHeld = Any(), ConnectedCall = Any(), VisitHeld = Any(), OutboundTouch = Any(), QuickReply = Any(),
                QuickReplyHours = 1 + random.NextDouble() * 700, HalfLifeDays = 1 + random.NextDouble() * 3_000,
            };
            (written.MediumThreshold, written.HighThreshold) = Ordered(Any(), Any());
            var rest = new ScoringOptions { RecalculateEvery = TimeSpan.FromMinutes(i) };

            Assert.True(ScoringRules.TryRead(ScoringRules.ForScoreBase(written), ScoringRules.ForPriority(written), rest, out var read));
            Assert.Equal((ScoringRules.ForScoreBase(written), ScoringRules.ForPriority(written)), (ScoringRules.ForScoreBase(read), ScoringRules.ForPriority(read)));
            Assert.Equal((written.InboundEmail, written.HalfLifeDays, written.MediumThreshold), (read.InboundEmail, read.HalfLifeDays, read.MediumThreshold));
            Assert.Equal(rest.RecalculateEvery, read.RecalculateEvery);
        }
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("inboundEmail=10", "highThreshold=40; mediumThreshold=10")]
    [InlineData("inboundEmail=ten; meetingHeld=20; connectedCall=15; visitHeld=20; outboundTouch=1; quickReply=5; quickReplyHours=48; halfLifeDays=30", "highThreshold=40; mediumThreshold=10")]
    [InlineData("inboundEmail=NaN; meetingHeld=20; connectedCall=15; visitHeld=20; outboundTouch=1; quickReply=5; quickReplyHours=48; halfLifeDays=30", "highThreshold=40; mediumThreshold=10")]
    [InlineData("inboundEmail=10; inboundEmail=10; connectedCall=15; visitHeld=20; outboundTouch=1; quickReply=5; quickReplyHours=48; halfLifeDays=30", "highThreshold=40; mediumThreshold=10")]
    [InlineData("inboundEmail=10; meetingHeld=20; connectedCall=15; visitHeld=20; outboundTouch=1; quickReply=5; quickReplyHours=48; halfLifeDays=30; webinar=8", "highThreshold=40; mediumThreshold=10")]
    [InlineData("inboundEmail=10; meetingHeld=20; connectedCall=15; visitHeld=20; outboundTouch=1; quickReply=5; quickReplyHours=48; halfLifeDays=30", "highThreshold 40; mediumThreshold=10")]
    [InlineData("inboundEmail=10; meetingHeld=20; connectedCall=15; visitHeld=20; outboundTouch=1; quickReply=5; quickReplyHours=48; halfLifeDays=0", "highThreshold=40; mediumThreshold=10")]
    [InlineData("inboundEmail=10; meetingHeld=20; connectedCall=15; visitHeld=20; outboundTouch=1; quickReply=5; quickReplyHours=48; halfLifeDays=30", "highThreshold=10; mediumThreshold=40")]
    public void A_record_that_is_not_a_whole_set_of_known_rules_is_refused(string scoreRules, string priorityRules) =>
        Assert.False(ScoringRules.TryRead(scoreRules, priorityRules, new ScoringOptions(), out _));

    /// <summary>A rep's lead with one connected call: 15 points for the call and 1 for the outbound touch, medium priority by default.</summary>
    private static async Task<(HttpClient Rep, LeadMail.Api.Contacts.ContactDto Contact)> LeadWithACallAsync(WorkflowHost host)
    {
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        await host.IngestAsync(new Touch(contact.Id, repId, Channel.Call, Direction.Outbound, host.Clock.UtcNow, $"call:{Guid.NewGuid()}", Origin.Api, Outcome.Connected));
        return (rep, contact);
    }

    private static async Task<ScoringRulesChange> ApplyAsync(WorkflowHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScoringRulesCheck>().ApplyAsync(CancellationToken.None);
    }

    /// <summary>The record, once the host's start-up check has written it.</summary>
    private static async Task<AppliedScoringRules> AppliedAsync(WorkflowHost host) =>
        (await EventuallyAsync(() => host.WithDbAsync(db => db.AppliedScoringRules.AsNoTracking().SingleOrDefaultAsync()), r => r is not null))!;

    /// <summary>Reads until the background check's effect shows, failing with the last value after <see cref="Patience"/>.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Still {value} after {Patience.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }

    private static (double, Priority) Of(LeadMail.Api.Contacts.ContactDto contact) => (Math.Round(contact.Score, 2), contact.Priority);
}
