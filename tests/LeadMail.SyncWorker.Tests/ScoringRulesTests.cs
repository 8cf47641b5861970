using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using LeadMail.Core.Scoring;
using LeadMail.Core.Sync;
using LeadMail.SyncWorker.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static LeadMail.SyncWorker.Tests.Infrastructure.GraphJson;

namespace LeadMail.SyncWorker.Tests;

/// <summary>
/// The API owns the scoring rules and records the ones the stored scores follow; the worker scores the
/// touches it syncs with those, whatever its own <c>Scoring:*</c> say, so the two processes cannot drift.
/// </summary>
public sealed class ScoringRulesTests : IAsyncLifetime
{
    private readonly SyncTestBed bed = new();
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(-3);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Synced_touches_are_scored_with_the_rules_the_API_applied_not_the_workers_own()
    {
        // The worker runs on the defaults (an inbound email earns 10, high priority from 40); the API applied other rules.
        var applied = new ScoringOptions { InboundEmail = 50, HighThreshold = 60 };
        await RecordAsync(applied);
        var (lee, ann) = await LeeWritesToAnnAsync();

        Assert.True((await bed.RunRoundAsync()).AllSucceeded);

        var touch = Assert.Single(await bed.TouchesAsync());
        Assert.Equal((lee.Id, ann.Id), (touch.ContactId, touch.RepId!.Value));
        var scored = (await bed.ContactsAsync()).Single(c => c.Id == lee.Id);
        AssertClose(50 * new LeadScore(Options.Create(applied)).Weight(touch.OccurredAt), scored.ScoreBase);
        // About 46 points three days on: medium under the API's thresholds, where the worker's own would say high.
        Assert.InRange(scored.Score, 40, 60);
        Assert.Equal(Priority.Medium, scored.Priority);
    }

    [Fact]
    public async Task Until_the_API_has_recorded_any_rules_the_worker_scores_with_its_own()
    {
        bed.Settings["Scoring:InboundEmail"] = "30";
        var (lee, _) = await LeeWritesToAnnAsync();

        Assert.True((await bed.RunRoundAsync()).AllSucceeded);

        var scored = (await bed.ContactsAsync()).Single(c => c.Id == lee.Id);
        AssertClose(30 * new LeadScore(Options.Create(new ScoringOptions())).Weight(Assert.Single(await bed.TouchesAsync()).OccurredAt), scored.ScoreBase);
    }

    [Fact]
    public async Task A_running_worker_takes_up_new_rules_at_its_next_refresh_and_keeps_its_rules_over_an_unreadable_record()
    {
        using var host = bed.BuildHost();
        var followed = host.Services.GetRequiredService<FollowedScoringRules>();
        // The rules LeadScore scores with are the followed ones.
        Assert.Same(followed, host.Services.GetRequiredService<IOptions<ScoringOptions>>());
        Assert.Equal(10, host.Services.GetRequiredService<LeadScore>().Explain([Inbound()], Day).Single().Points);

        await RecordAsync(new ScoringOptions { InboundEmail = 25, MediumThreshold = 5 });
        await RefreshAsync(host, followed);
        Assert.Equal((25d, 5d), (followed.Value.InboundEmail, followed.Value.MediumThreshold));
        Assert.Equal(25, host.Services.GetRequiredService<LeadScore>().Explain([Inbound()], Day).Single().Points);

        await using (var db = bed.OpenDb())
            await db.AppliedScoringRules.ExecuteUpdateAsync(set => set.SetProperty(r => r.ScoreRules, "inboundEmail=lots"));
        await RefreshAsync(host, followed);
        Assert.Equal(25, followed.Value.InboundEmail);
    }

    private async Task<(Contact Lee, Core.Reps.Rep Ann)> LeeWritesToAnnAsync()
    {
        var ann = await bed.AddRepAsync("ann@contoso.com");
        var lee = await bed.AddContactAsync("lee@fabrikam.example");
        bed.Graph.ServeRound(ann.EntraObjectId!, MailboxStream.Inbox, [[Message("<question@fabrikam.example>", "lee@fabrikam.example", [ann.Email], Day)]], "a1");
        return (lee, ann);
    }

    /// <summary>What the API's ScoringRulesCheck writes once it has brought the scores in line with <paramref name="rules"/>.</summary>
    private async Task RecordAsync(ScoringOptions rules)
    {
        await using var db = bed.OpenDb();
        await db.AppliedScoringRules.ExecuteDeleteAsync();
        db.AppliedScoringRules.Add(new AppliedScoringRules
        {
            ScoreRules = ScoringRules.ForScoreBase(rules),
            PriorityRules = ScoringRules.ForPriority(rules),
            AppliedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private static async Task RefreshAsync(Microsoft.Extensions.Hosting.IHost host, FollowedScoringRules followed)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await followed.RefreshAsync(scope.ServiceProvider.GetRequiredService<LeadMailDb>(), CancellationToken.None);
    }

    private static ScoredTouch Inbound() => new(1, Core.Interactions.Channel.Email, Core.Interactions.Direction.Inbound, null, Day);

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Math.Abs(expected) * 1e-9, $"expected {expected}, actual {actual}");
}
