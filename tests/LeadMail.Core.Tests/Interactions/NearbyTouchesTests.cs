using CsCheck;
using LeadMail.Core.Consent;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using LeadMail.Core.Scoring;
using LeadMail.Core.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Tests.Interactions;

/// <summary>
/// On SQLite a contact that only gains touches is updated from its stored counters and score and the
/// touches near the new ones (<see cref="NearbyTouches"/>). Whatever order and batches the touches
/// arrive in, that must end where recomputing from the whole history ends: counters, score, priority,
/// frequency-cap flags and the cadence's follow-ups.
/// </summary>
public sealed class NearbyTouchesTests(LeadDatabase leads) : IClassFixture<LeadDatabase>
{
    private static readonly DateTime T = new(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>Every kind of touch that scores, connects or counts against the cap differently.</summary>
    private static readonly (Channel Channel, Direction Direction, Outcome? Outcome)[] Kinds =
    [
        (Channel.Email, Direction.Outbound, null), (Channel.Email, Direction.Inbound, null),
        (Channel.Meeting, Direction.None, Outcome.Held), (Channel.Meeting, Direction.None, Outcome.Cancelled),
        (Channel.Call, Direction.Outbound, Outcome.Connected), (Channel.Call, Direction.Outbound, Outcome.NoAnswer),
        (Channel.Voicemail, Direction.Outbound, Outcome.LeftMessage), (Channel.Visit, Direction.Outbound, null),
        (Channel.Note, Direction.None, null),
    ];

    [Fact]
    public async Task Nearby_updates_end_where_the_whole_history_recompute_ends_for_any_arrival_order()
    {
        // Six-hour steps over ten days: equal times, quick replies (48 h) and the cap's 7-day window all come up.
        // Outbound emails are drawn more often, so the cap and the cadence have something to do.
        var kind = Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, Kinds.Length - 1]));
        var touch = Gen.Select(kind, Gen.Int[0, 40]);
        var gen = touch.Array[1, 24].SelectMany(history => Gen.Select(Gen.Shuffle(Enumerable.Range(0, history.Length).ToArray()), Gen.Int[1, history.Length]),
            (history, arrival) => (History: history, Order: arrival.Item1, BatchSize: arrival.Item2));
        await gen.SampleAsync(async sample =>
        {
            var nearby = await leads.NewContactAsync();
            var whole = await leads.NewContactAsync();
            foreach (var batch in sample.Order.Chunk(sample.BatchSize))
            {
                await RecordAsync(Touches(nearby.Id, sample.History, batch), wholeHistories: false);
                await RecordAsync(Touches(whole.Id, sample.History, batch), wholeHistories: true);
            }

            var (kept, recomputed) = (await leads.ReloadAsync(nearby.Id), await leads.ReloadAsync(whole.Id));
            Assert.Equal(Counters(recomputed), Counters(kept));
            Assert.Equal(recomputed.ScoreBase, kept.ScoreBase, 1e-9 * Math.Max(1, Math.Abs(recomputed.ScoreBase)));
            Assert.Equal(recomputed.Score, kept.Score, 2);
            Assert.Equal(recomputed.Priority, kept.Priority);
            Assert.Equal((recomputed.NextFollowUpDue, recomputed.NextFollowUpNote), (kept.NextFollowUpDue, kept.NextFollowUpNote));
            Assert.Equal(await CapFlagsAsync(whole.Id), await CapFlagsAsync(nearby.Id));
            Assert.Equal(await FollowUpsAsync(whole.Id), await FollowUpsAsync(nearby.Id));
            // And the whole-history path is the definition: the score is what the rules give the stored touches.
            Assert.Equal(await DefinedScoreBaseAsync(whole.Id), recomputed.ScoreBase, 1e-9 * Math.Max(1, Math.Abs(recomputed.ScoreBase)));
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void Stored_instants_read_back_exactly_whatever_their_fraction()
    {
        // As Microsoft.Data.Sqlite writes a DateTime: no fraction, or one without trailing zeros.
        Gen.DateTime.Sample(at =>
        {
            var stored = at.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
            var read = SqliteInstant.ParseUtc(stored);
            Assert.Equal(at.Ticks, read.Ticks);
            Assert.Equal(DateTimeKind.Utc, read.Kind);
        });
        // Text written some other way still reads, through the general parse.
        Assert.Equal(new DateTime(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc), SqliteInstant.ParseUtc("2026-02-01T08:00:00"));
    }

    private static Touch[] Touches(int contactId, (int Kind, int Step)[] history, int[] indexes) =>
        indexes.Select(i => new Touch(contactId, null, Kinds[history[i].Kind].Channel, Kinds[history[i].Kind].Direction, T.AddHours(6 * history[i].Step),
            TouchKey.ForClient($"{contactId}-{i}"), Origin.Import, Kinds[history[i].Kind].Outcome)).ToArray();

    private async Task RecordAsync(Touch[] touches, bool wholeHistories)
    {
        await using var db = leads.Open();
        var effects = new TouchEffects(db, leads.Clock, new LeadScore(Options.Create(new ScoringOptions())),
            Options.Create(new FollowUpOptions()), Options.Create(new FrequencyCapOptions())) { WholeHistories = wholeHistories };
        await new TouchIngest(db, leads.Clock, effects).RecordAsync(touches, KnownTouchPolicy.Update, CancellationToken.None);
    }

    private static (int, DateTime?, DateTime?, DateTime?, int?, int) Counters(Contact c) =>
        (c.TouchesTotal, c.LastTouchAt, c.LastInboundAt, c.FirstConnectAt, c.TouchesBeforeConnect, c.OutboundSinceConnect);

    /// <summary>Each touch's cap flag by its place in the generated history (the key's suffix).</summary>
    private async Task<List<(string, bool)>> CapFlagsAsync(int contactId)
    {
        await using var db = leads.Open();
        var prefix = TouchKey.ForClient($"{contactId}-");
        return (await db.Interactions.Where(i => i.ContactId == contactId).Select(i => new { i.NaturalKey, i.OverFrequencyCap }).ToListAsync())
            .Select(i => (i.NaturalKey[prefix.Length..], i.OverFrequencyCap)).OrderBy(i => i.Item1, StringComparer.Ordinal).ToList();
    }

    private async Task<List<(FollowUpKind, int?, DateTime, DateTime?, DateTime?, DateTime?, string?)>> FollowUpsAsync(int contactId)
    {
        await using var db = leads.Open();
        return (await db.FollowUps.Where(f => f.ContactId == contactId).OrderBy(f => f.Id).ToListAsync())
            .Select(f => (f.Kind, f.Attempt, f.DueAt, f.AfterTouchAt, f.CompletedAt, f.ClosedAt, f.Note)).ToList();
    }

    private async Task<double> DefinedScoreBaseAsync(int contactId)
    {
        await using var db = leads.Open();
        var touches = await db.Interactions.Where(i => i.ContactId == contactId)
            .Select(i => new ScoredTouch(i.Id, i.Channel, i.Direction, i.Outcome, i.OccurredAt)).ToListAsync();
        return new LeadScore(Options.Create(new ScoringOptions())).BaseOf(touches, leads.Clock.GetUtcNow().UtcDateTime);
    }
}
