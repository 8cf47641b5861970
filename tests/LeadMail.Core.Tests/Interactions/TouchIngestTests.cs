using CsCheck;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Tests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Tests.Interactions;

public sealed class TouchIngestTests(LeadDatabase leads) : IClassFixture<LeadDatabase>
{
    private static readonly DateTime T = new(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc);

    private static Touch Touch(int contactId, Channel channel, Direction direction, double hours, Outcome? outcome = null, string? key = null, int? repId = null) =>
        new(contactId, repId, channel, direction, T.AddHours(hours), key ?? TouchKey.ForClient(Guid.NewGuid().ToString()), Origin.Import, outcome);

    private async Task<int> StoredAsync(int contactId)
    {
        await using var db = leads.Open();
        return await db.Interactions.CountAsync(i => i.ContactId == contactId);
    }

    [Fact]
    public async Task A_new_touch_is_recorded_with_the_ingest_time()
    {
        var contact = await leads.NewContactAsync();
        var rep = await leads.NewRepAsync();

        var result = (await leads.RecordAsync([Touch(contact.Id, Channel.Call, Direction.Outbound, 1, Outcome.Connected, repId: rep.Id)]))[0];

        Assert.Equal(TouchResult.Recorded, result.Result);
        Assert.True(result.Interaction.Id > 0);
        Assert.True(result.Interaction.IsConnect);
        Assert.Equal(leads.Clock.UtcNow, result.Interaction.RecordedAt);
        Assert.Equal(rep.Id, result.Interaction.RepId);
    }

    [Fact]
    public async Task The_same_natural_key_twice_in_one_batch_is_one_touch()
    {
        var contact = await leads.NewContactAsync();
        var key = TouchKey.ForMail("<same@example.com>", Direction.Inbound);

        var results = await leads.RecordAsync([
            Touch(contact.Id, Channel.Email, Direction.Inbound, 1, key: key),
            Touch(contact.Id, Channel.Email, Direction.Inbound, 1, key: key),
        ]);

        Assert.Equal([TouchResult.Recorded, TouchResult.AlreadyRecorded], results.Select(r => r.Result));
        Assert.Same(results[0].Interaction, results[1].Interaction);
        Assert.Equal(1, await StoredAsync(contact.Id));
        Assert.Equal(1, (await leads.ReloadAsync(contact.Id)).TouchesTotal);
    }

    [Fact]
    public async Task Replaying_a_batch_changes_nothing()
    {
        var contact = await leads.NewContactAsync();
        var batch = Enumerable.Range(0, 5).Select(i => Touch(contact.Id, Channel.Email, Direction.Outbound, i, key: TouchKey.ForMail($"<m{i}@x>", Direction.Outbound))).ToArray();
        var first = await leads.RecordAsync(batch);
        var before = await leads.ReloadAsync(contact.Id);

        var replay = await leads.RecordAsync(batch);

        Assert.All(first, r => Assert.Equal(TouchResult.Recorded, r.Result));
        Assert.All(replay, r => Assert.Equal(TouchResult.AlreadyRecorded, r.Result));
        Assert.Equal(first.Select(r => r.Interaction.Id), replay.Select(r => r.Interaction.Id));
        Assert.Equal(5, await StoredAsync(contact.Id));
        var after = await leads.ReloadAsync(contact.Id);
        Assert.Equal((before.TouchesTotal, before.LastTouchAt, before.OutboundSinceConnect), (after.TouchesTotal, after.LastTouchAt, after.OutboundSinceConnect));
    }

    [Fact]
    public async Task The_same_key_on_two_contacts_is_two_touches()
    {
        // One email to two leads: each gets its touch.
        var first = await leads.NewContactAsync();
        var second = await leads.NewContactAsync();
        var key = TouchKey.ForMail("<to-both@contoso.com>", Direction.Outbound);

        var results = await leads.RecordAsync([
            Touch(first.Id, Channel.Email, Direction.Outbound, 1, key: key),
            Touch(second.Id, Channel.Email, Direction.Outbound, 1, key: key),
        ]);

        Assert.All(results, r => Assert.Equal(TouchResult.Recorded, r.Result));
        Assert.Equal((1, 1), (await StoredAsync(first.Id), await StoredAsync(second.Id)));
    }

    [Fact]
    public async Task Keys_longer_than_the_column_are_hashed_and_still_dedupe()
    {
        var contact = await leads.NewContactAsync();
        var longKey = TouchKey.ForClient(new string('k', 1000));

        await leads.RecordAsync([Touch(contact.Id, Channel.Note, Direction.None, 1, key: longKey)]);
        var again = await leads.RecordAsync([Touch(contact.Id, Channel.Note, Direction.None, 1, key: longKey)]);

        Assert.Equal(TouchResult.AlreadyRecorded, again[0].Result);
        Assert.StartsWith("sha256:", again[0].Interaction.NaturalKey);
        Assert.True(again[0].Interaction.NaturalKey.Length <= TouchKey.MaxLength);
        Assert.Equal(1, await StoredAsync(contact.Id));
    }

    [Fact]
    public async Task Concurrent_ingests_from_two_contexts_store_each_key_once()
    {
        var contact = await leads.NewContactAsync();
        // Two overlapping batches (the worker's page and an add-in retry, say) racing.
        var first = Enumerable.Range(0, 20).Select(i => Touch(contact.Id, Channel.Email, Direction.Inbound, i, key: TouchKey.ForMail($"<race{i}@x>", Direction.Inbound))).ToArray();
        var second = Enumerable.Range(10, 20).Select(i => Touch(contact.Id, Channel.Email, Direction.Inbound, i, key: TouchKey.ForMail($"<race{i}@x>", Direction.Inbound))).ToArray();
        await using var dbA = leads.Open();
        await using var dbB = leads.Open();
        var ingestA = new TouchIngest(dbA, leads.Clock);
        var ingestB = new TouchIngest(dbB, leads.Clock);
        using var start = new SemaphoreSlim(0, 2);

        var racing = new[]
        {
            Task.Run(async () => { await start.WaitAsync(); return await ingestA.RecordAsync(first, KnownTouchPolicy.Update, CancellationToken.None); }),
            Task.Run(async () => { await start.WaitAsync(); return await ingestB.RecordAsync(second, KnownTouchPolicy.Update, CancellationToken.None); }),
        };
        start.Release(2);
        var results = await Task.WhenAll(racing);

        Assert.Equal(30, await StoredAsync(contact.Id));
        Assert.Equal(30, results.SelectMany(r => r).Count(r => r.Result == TouchResult.Recorded));
        Assert.Equal(10, results.SelectMany(r => r).Count(r => r.Result == TouchResult.AlreadyRecorded));
        var counted = await leads.ReloadAsync(contact.Id);
        Assert.Equal(30, counted.TouchesTotal);
        Assert.Equal(T.AddHours(29), counted.LastTouchAt);
    }

    [Fact]
    public async Task Concurrent_single_touches_with_one_key_store_one_row()
    {
        for (var round = 0; round < 5; round++)
        {
            var contact = await leads.NewContactAsync();
            var touch = Touch(contact.Id, Channel.Meeting, Direction.None, 1, Outcome.Held, TouchKey.ForMeeting($"ical-{Guid.NewGuid():N}"));
            await using var dbA = leads.Open();
            await using var dbB = leads.Open();

            var results = await Task.WhenAll(
                Task.Run(() => new TouchIngest(dbA, leads.Clock).RecordAsync(touch, KnownTouchPolicy.Update, CancellationToken.None)),
                Task.Run(() => new TouchIngest(dbB, leads.Clock).RecordAsync(touch, KnownTouchPolicy.Update, CancellationToken.None)));

            Assert.Equal([TouchResult.Recorded, TouchResult.AlreadyRecorded], results.Select(r => r.Result).Order());
            Assert.Equal(results[0].Interaction.Id, results[1].Interaction.Id);
            Assert.Equal(1, await StoredAsync(contact.Id));
        }
    }

    /// <summary>
    /// A lead's history: three tries, a reply (the first connect), a follow-up, a connected call,
    /// a letter after it, a note and a cancelled meeting.
    /// </summary>
    private static Touch[] History(int contactId) =>
    [
        Touch(contactId, Channel.Email, Direction.Outbound, 1),
        Touch(contactId, Channel.Meeting, Direction.None, 1.5, Outcome.Cancelled),
        Touch(contactId, Channel.Call, Direction.Outbound, 2, Outcome.NoAnswer),
        Touch(contactId, Channel.Voicemail, Direction.Outbound, 3, Outcome.LeftMessage),
        Touch(contactId, Channel.Email, Direction.Inbound, 4),
        Touch(contactId, Channel.Email, Direction.Outbound, 5),
        Touch(contactId, Channel.Call, Direction.Outbound, 6, Outcome.Connected),
        Touch(contactId, Channel.Letter, Direction.Outbound, 7),
        Touch(contactId, Channel.Note, Direction.None, 8),
    ];

    private static void AssertHistoryCounters(Contact contact)
    {
        Assert.Equal(9, contact.TouchesTotal);
        Assert.Equal(T.AddHours(8), contact.LastTouchAt);
        Assert.Equal(T.AddHours(4), contact.LastInboundAt);
        Assert.Equal(T.AddHours(4), contact.FirstConnectAt);
        Assert.Equal(3, contact.TouchesBeforeConnect);
        Assert.Equal(1, contact.OutboundSinceConnect);
    }

    [Fact]
    public async Task Counters_are_right_for_touches_in_time_order()
    {
        var contact = await leads.NewContactAsync();
        foreach (var touch in History(contact.Id)) await leads.RecordAsync([touch]);

        AssertHistoryCounters(await leads.ReloadAsync(contact.Id));
    }

    [Fact]
    public async Task Counters_are_right_whatever_order_and_batching_the_touches_arrive_in()
    {
        // A backfill is not chronological: any order, in batches of any size, ends in the same counters.
        var gen = Gen.Select(Gen.Shuffle(Enumerable.Range(0, 9).ToArray()), Gen.Int[1, 9]);
        await gen.SampleAsync(async (order, batchSize) =>
        {
            var contact = await leads.NewContactAsync();
            var history = History(contact.Id);
            foreach (var batch in order.Select(i => history[i]).Chunk(batchSize)) await leads.RecordAsync(batch);

            AssertHistoryCounters(await leads.ReloadAsync(contact.Id));
        }, iter: 25, threads: 1);
    }

    /// <summary>Every kind of touch that moves a counter differently: connects and not, each direction.</summary>
    private static readonly (Channel Channel, Direction Direction, Outcome? Outcome)[] Kinds =
    [
        (Channel.Email, Direction.Outbound, null), (Channel.Email, Direction.Inbound, null),
        (Channel.Meeting, Direction.None, Outcome.Held), (Channel.Meeting, Direction.None, Outcome.Cancelled),
        (Channel.Call, Direction.Outbound, Outcome.Connected), (Channel.Call, Direction.Outbound, Outcome.NoAnswer),
        (Channel.Voicemail, Direction.Outbound, Outcome.LeftMessage), (Channel.Letter, Direction.Outbound, null),
        (Channel.Visit, Direction.Outbound, null), (Channel.Note, Direction.None, null),
    ];

    [Fact]
    public async Task Counters_kept_by_the_ingest_equal_the_set_based_recompute_for_any_history_order_and_reschedule()
    {
        // The ingest computes the counters in memory from the touches it loads; RefreshCountersAsync is their
        // set-based definition. Few distinct hours, so equal times (the strict before/after edges) come up often.
        var touch = Gen.Select(Gen.Int[0, Kinds.Length - 1], Gen.Int[0, 6], Gen.Int[-1, 6]);
        var gen = touch.Array[1, 12].SelectMany(history => Gen.Select(Gen.Shuffle(Enumerable.Range(0, history.Length).ToArray()), Gen.Int[1, history.Length]),
            (history, arrival) => (History: history, Order: arrival.Item1, BatchSize: arrival.Item2));
        await gen.SampleAsync(async sample =>
        {
            var contact = await leads.NewContactAsync();
            var touches = sample.History.Select((t, i) => Touch(contact.Id, Kinds[t.Item1].Channel, Kinds[t.Item1].Direction, t.Item2, Kinds[t.Item1].Outcome,
                TouchKey.ForClient($"{contact.Id}-{i}"))).ToArray();
            foreach (var batch in sample.Order.Select(i => touches[i]).Chunk(sample.BatchSize)) await leads.RecordAsync(batch);
            // Meetings the mailbox moved (a third value ≥ 0): a new time, and held becomes cancelled or the reverse.
            var moved = touches.Zip(sample.History)
                .Where(p => p.First.Channel == Channel.Meeting && p.Second.Item3 >= 0)
                .Select(p => p.First with { OccurredAt = T.AddHours(p.Second.Item3), Outcome = p.First.Outcome == Outcome.Held ? Outcome.Cancelled : Outcome.Held })
                .ToArray();
            if (moved.Length > 0) await leads.RecordAsync(moved, KnownTouchPolicy.Update);

            var kept = Counters(await leads.ReloadAsync(contact.Id));
            await using (var db = leads.Open()) await new TouchIngest(db, leads.Clock).RefreshCountersAsync([contact.Id], CancellationToken.None);
            var recomputed = Counters(await leads.ReloadAsync(contact.Id));

            Assert.Equal(recomputed, kept);
            Assert.Equal(touches.Length, kept.TouchesTotal);
        }, iter: 40, threads: 1);
    }

    private static (int TouchesTotal, DateTime? LastTouchAt, DateTime? LastInboundAt, DateTime? FirstConnectAt, int? TouchesBeforeConnect, int OutboundSinceConnect) Counters(Contact c) =>
        (c.TouchesTotal, c.LastTouchAt, c.LastInboundAt, c.FirstConnectAt, c.TouchesBeforeConnect, c.OutboundSinceConnect);

    [Fact]
    public async Task Counters_without_a_connect_count_every_outbound_touch()
    {
        var contact = await leads.NewContactAsync();
        await leads.RecordAsync([
            Touch(contact.Id, Channel.Call, Direction.Outbound, 3, Outcome.NoAnswer),
            Touch(contact.Id, Channel.Email, Direction.Outbound, 1),
            Touch(contact.Id, Channel.Email, Direction.Outbound, 2, Outcome.Bounced),
            Touch(contact.Id, Channel.Note, Direction.None, 4),
        ]);

        var counted = await leads.ReloadAsync(contact.Id);
        Assert.Equal(4, counted.TouchesTotal);
        Assert.Equal(T.AddHours(4), counted.LastTouchAt);
        Assert.Null(counted.LastInboundAt);
        Assert.Null(counted.FirstConnectAt);
        Assert.Null(counted.TouchesBeforeConnect);
        Assert.Equal(3, counted.OutboundSinceConnect);
    }

    [Fact]
    public async Task Counters_do_not_bump_the_version_people_edit_against()
    {
        var contact = await leads.NewContactAsync();
        await leads.RecordAsync(History(contact.Id));

        Assert.Equal(1, (await leads.ReloadAsync(contact.Id)).Version);
    }

    [Fact]
    public async Task Update_policy_moves_a_rescheduled_meeting_and_recomputes_the_counters()
    {
        var contact = await leads.NewContactAsync();
        var meeting = TouchKey.ForMeeting($"ical-{Guid.NewGuid():N}");
        await leads.RecordAsync([
            Touch(contact.Id, Channel.Email, Direction.Outbound, 1),
            Touch(contact.Id, Channel.Meeting, Direction.None, 3, Outcome.Held, meeting),
            Touch(contact.Id, Channel.Email, Direction.Outbound, 4),
        ]);
        var before = await leads.ReloadAsync(contact.Id);
        Assert.Equal((T.AddHours(3), 1, 1, T.AddHours(4)), (before.FirstConnectAt, before.TouchesBeforeConnect, before.OutboundSinceConnect, before.LastTouchAt));

        var moved = await leads.RecordAsync([Touch(contact.Id, Channel.Meeting, Direction.None, 5, Outcome.Held, meeting)]);

        Assert.Equal(TouchResult.Updated, moved[0].Result);
        Assert.Equal(T.AddHours(5), moved[0].Interaction.OccurredAt);
        var after = await leads.ReloadAsync(contact.Id);
        Assert.Equal((T.AddHours(5), 2, 0, T.AddHours(5), 3), (after.FirstConnectAt, after.TouchesBeforeConnect, after.OutboundSinceConnect, after.LastTouchAt, after.TouchesTotal));
    }

    [Fact]
    public async Task Update_policy_on_a_cancelled_meeting_takes_back_its_connect()
    {
        var contact = await leads.NewContactAsync();
        var meeting = TouchKey.ForMeeting($"ical-{Guid.NewGuid():N}");
        await leads.RecordAsync([
            Touch(contact.Id, Channel.Email, Direction.Outbound, 1),
            Touch(contact.Id, Channel.Meeting, Direction.None, 3, Outcome.Held, meeting),
            Touch(contact.Id, Channel.Email, Direction.Outbound, 4),
        ]);

        var cancelled = await leads.RecordAsync([Touch(contact.Id, Channel.Meeting, Direction.None, 3, Outcome.Cancelled, meeting)]);

        Assert.Equal(TouchResult.Updated, cancelled[0].Result);
        Assert.False(cancelled[0].Interaction.IsConnect);
        var after = await leads.ReloadAsync(contact.Id);
        Assert.Null(after.FirstConnectAt);
        Assert.Null(after.TouchesBeforeConnect);
        Assert.Equal(2, after.OutboundSinceConnect);
        Assert.Equal(3, after.TouchesTotal);
        await using var db = leads.Open();
        var stored = await db.Interactions.SingleAsync(i => i.ContactId == contact.Id && i.NaturalKey == meeting);
        Assert.Equal(Outcome.Cancelled, stored.Outcome);
        Assert.False(stored.IsConnect);
    }

    [Fact]
    public async Task Update_policy_with_nothing_new_reports_already_recorded()
    {
        var contact = await leads.NewContactAsync();
        var touch = Touch(contact.Id, Channel.Meeting, Direction.None, 3, Outcome.Held, TouchKey.ForMeeting($"ical-{Guid.NewGuid():N}"));
        await leads.RecordAsync([touch]);

        var again = await leads.RecordAsync([touch]);

        Assert.Equal(TouchResult.AlreadyRecorded, again[0].Result);
    }

    [Fact]
    public async Task Keep_policy_leaves_the_stored_touch_alone()
    {
        var contact = await leads.NewContactAsync();
        var key = TouchKey.ForClient(Guid.NewGuid().ToString());
        await leads.RecordAsync([Touch(contact.Id, Channel.Call, Direction.Outbound, 1, Outcome.NoAnswer, key)], KnownTouchPolicy.Keep);

        var retry = await leads.RecordAsync([Touch(contact.Id, Channel.Call, Direction.Outbound, 9, Outcome.Connected, key)], KnownTouchPolicy.Keep);

        Assert.Equal(TouchResult.AlreadyRecorded, retry[0].Result);
        Assert.Equal(Outcome.NoAnswer, retry[0].Interaction.Outcome);
        var after = await leads.ReloadAsync(contact.Id);
        Assert.Equal(T.AddHours(1), after.LastTouchAt);
        Assert.Null(after.FirstConnectAt);
    }

    [Fact]
    public async Task Touches_join_the_callers_transaction_and_vanish_with_its_rollback()
    {
        // The sync worker commits touches with its delta link: if that commit fails, neither lands.
        var contact = await leads.NewContactAsync();
        await using (var db = leads.Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await new TouchIngest(db, leads.Clock).RecordAsync([Touch(contact.Id, Channel.Email, Direction.Inbound, 1)], KnownTouchPolicy.Update, CancellationToken.None);
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await StoredAsync(contact.Id));
        Assert.Equal(0, (await leads.ReloadAsync(contact.Id)).TouchesTotal);
    }

    [Fact]
    public async Task Subjects_and_notes_longer_than_their_columns_are_cut_not_refused()
    {
        var contact = await leads.NewContactAsync();
        var touch = Touch(contact.Id, Channel.Email, Direction.Inbound, 1) with { Subject = new string('s', 1000), Notes = new string('n', 5000) };

        var recorded = (await leads.RecordAsync([touch]))[0].Interaction;

        Assert.Equal(400, recorded.Subject!.Length);
        Assert.Equal(4000, recorded.Notes!.Length);
    }
}
