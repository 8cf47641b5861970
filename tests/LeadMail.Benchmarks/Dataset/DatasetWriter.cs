using System.Diagnostics;
using System.Globalization;
using System.Text;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Interactions;
using LeadMail.Core.Reps;
using Microsoft.Data.Sqlite;

namespace LeadMail.Benchmarks.Dataset;

/// <summary>
/// Fills a migrated, empty database with reps, contacts, addresses and touches through prepared
/// statements in large transactions. One <see cref="Random"/> seeded from the options is consumed
/// in a fixed order, so the same options always give the same rows.
/// </summary>
internal sealed class DatasetWriter(DatasetOptions options, TextWriter log)
{
    private const int RowsPerTransaction = 250_000;
    private const string OurDomain = "contoso.com";

    private readonly Random random = new(options.Seed);

    // The workflow rows (stage changes, follow-ups) draw from their own stream, so adding them left
    // the contacts and touches of generator version 1 exactly as they were.
    private readonly Random workflow = new(options.Seed ^ 0x5747_4B46);
    private readonly DateTime start = options.Anchor - options.History;

    // What the touches need to know about each contact (index = contact id - 1).
    private long[] createdTicks = [];
    private int?[] owners = [];
    private string[] domains = [];
    private string[] interests = [];
    private Stage[] stages = [];
    private DateTime?[] dues = [];

    public async Task WriteAsync(string path, CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(LeadDataset.ConnectionString(path)) { ForeignKeys = false, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        // A throw-away file while it is built: durability would only cost time.
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; PRAGMA locking_mode=EXCLUSIVE;");

        var clock = Stopwatch.StartNew();
        WriteReps(connection);
        WriteContacts(connection, ct);
        log.WriteLine($"  {options.Reps} reps, {options.Contacts:N0} contacts in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        WriteInteractions(connection, ct);
        log.WriteLine($"  {options.Interactions:N0} touches in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var changes = WriteStageChanges(connection, ct);
        var followUps = WriteFollowUps(connection, ct);
        var flagged = FlagConsentViolations(connection);
        log.WriteLine($"  {changes:N0} stage changes, {followUps:N0} follow-ups, {flagged:N0} consent-violation flags in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// A path through the pipeline ending in each contact's stage: created as new (the change from
    /// null LeadIntake records), then forward one step at a time, with an occasional step back from
    /// proposal or agreement; lost and nurture leave from a working stage with a reason, and some
    /// nurtured leads came back once before. Times rise from creation towards the anchor.
    /// </summary>
    private long WriteStageChanges(SqliteConnection connection, CancellationToken ct)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = Prepare(connection, transaction,
            "INSERT INTO StageChanges (ContactId, \"From\", \"To\", Reason, ByRepId, At) VALUES ($contact, $from, $to, $reason, $by, $at)",
            "$contact", "$from", "$to", "$reason", "$by", "$at");
        Stage[] working = [Stage.New, Stage.MarketingQualified, Stage.SalesQualified, Stage.Proposal, Stage.Agreement];
        var written = 0L;
        var path = new List<(Stage? From, Stage To, string? Reason)>();
        for (var index = 0; index < stages.Length; index++)
        {
            ct.ThrowIfCancellationRequested();
            var stage = stages[index];
            path.Clear();
            path.Add((null, Stage.New, null));
            var reached = stage switch
            {
                Stage.Won => working.Length - 1,
                Stage.Lost or Stage.Nurture => workflow.Next(0, working.Length),
                _ => Array.IndexOf(working, stage),
            };
            for (var i = 1; i <= reached; i++)
            {
                path.Add((working[i - 1], working[i], null));
                // Now and then a deal slips back a step and is worked forward again.
                if (working[i] is Stage.Proposal or Stage.Agreement && i < reached && workflow.NextDouble() < 0.1)
                {
                    path.Add((working[i], working[i - 1], "Customer reopened the scope"));
                    path.Add((working[i - 1], working[i], null));
                }
            }
            var last = working[reached];
            if (stage == Stage.Won) path.Add((last, Stage.Won, null));
            else if (stage == Stage.Lost) path.Add((last, Stage.Lost, PickWorkflow(Vocabulary.LostReasons)));
            else if (stage == Stage.Nurture) path.Add((last, Stage.Nurture, PickWorkflow(Vocabulary.NurtureReasons)));

            // The moves after creation fall in a stretch after it: a share of the time left, sorted.
            var created = createdTicks[index];
            var stretch = (long)((options.Anchor.Ticks - created) * (0.2 + 0.8 * workflow.NextDouble()));
            var times = Enumerable.Range(0, path.Count - 1).Select(_ => created + (long)(stretch * workflow.NextDouble())).Order().ToList();
            int? by = owners[index];
            for (var n = 0; n < path.Count; n++)
            {
                var at = Instant(n == 0 ? created : times[n - 1], options.Anchor.Ticks - TimeSpan.TicksPerSecond);
                Bind(insert, index + 1, path[n].From?.ToString(), path[n].To.ToString(), path[n].Reason, n == 0 ? null : by, at);
                insert.ExecuteNonQuery();
                written++;
            }
        }
        transaction.Commit();
        return written;
    }

    /// <summary>
    /// Each contact's open follow-up (mirroring the NextFollowUpDue the contact row already has) and a
    /// history before it: follow-ups kept on time, kept late, and some replaced or withdrawn.
    /// </summary>
    private long WriteFollowUps(SqliteConnection connection, CancellationToken ct)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = Prepare(connection, transaction,
            "INSERT INTO FollowUps (ContactId, DueAt, Note, Channel, Kind, Attempt, CreatedByRepId, CreatedAt, CompletedAt, CompletedByRepId, ClosedAt, ClosedByRepId, ClosedReason) " +
            "VALUES ($contact, $due, $note, $channel, $kind, $attempt, $by, $created, $completed, $completedBy, $closed, $closedBy, $closedReason)",
            "$contact", "$due", "$note", "$channel", "$kind", "$attempt", "$by", "$created", "$completed", "$completedBy", "$closed", "$closedBy", "$closedReason");
        var written = 0L;
        var anchor = options.Anchor.Ticks;
        for (var index = 0; index < stages.Length; index++)
        {
            ct.ThrowIfCancellationRequested();
            var created = createdTicks[index];
            var span = anchor - created;
            int? rep = owners[index];
            var past = workflow.NextDouble() < 0.6 ? workflow.Next(1, 6) : 0;
            var dueTimes = Enumerable.Range(0, past).Select(_ => created + (long)(span * workflow.NextDouble())).Order().ToList();
            foreach (var dueTicks in dueTimes)
            {
                var due = Instant(dueTicks, anchor - TimeSpan.TicksPerDay);
                var promised = Instant(Math.Max(created, dueTicks - TimeSpan.TicksPerDay * workflow.Next(1, 10)), due.Ticks);
                var cadence = workflow.NextDouble() < 0.4;
                var roll = workflow.NextDouble();
                // 60 % kept on time (up to a day early, never before the promise), 25 % late (up to ten days), the rest closed unkept.
                var early = Instant(dueTicks - (long)(TimeSpan.TicksPerDay * workflow.NextDouble()), due.Ticks);
                DateTime? completed = roll switch
                {
                    < 0.6 => early < promised ? promised : early,
                    < 0.85 => Instant(due.Ticks + TimeSpan.TicksPerSecond + (long)(TimeSpan.TicksPerDay * 10 * workflow.NextDouble()), anchor - TimeSpan.TicksPerSecond),
                    _ => null,
                };
                DateTime? closed = completed is null ? Instant(dueTicks - (long)(TimeSpan.TicksPerDay * workflow.NextDouble()), due.Ticks) : null;
                if (closed < promised) closed = promised;
                Bind(insert, index + 1, due, cadence ? null : Pick(Vocabulary.FollowUpNotes, workflow), cadence ? Channel.Email.ToString() : null,
                    (cadence ? FollowUpKind.Cadence : FollowUpKind.Manual).ToString(), cadence ? workflow.Next(2, 8) : null, rep, promised,
                    completed, completed is null ? null : rep, closed, closed is null ? null : rep, closed is null ? null : workflow.NextDouble() < 0.5 ? "replaced" : "withdrawn");
                insert.ExecuteNonQuery();
                written++;
            }
            if (dues[index] is { } open)
            {
                var promised = Instant(Math.Min(anchor - TimeSpan.TicksPerHour, Math.Max(created, open.Ticks - TimeSpan.TicksPerDay * workflow.Next(1, 14))), anchor);
                Bind(insert, index + 1, open, Pick(Vocabulary.FollowUpNotes, workflow), null, FollowUpKind.Manual.ToString(), null, rep, promised,
                    null, null, null, null, null);
                insert.ExecuteNonQuery();
                written++;
            }
        }
        transaction.Commit();
        return written;
    }

    /// <summary>Outbound mail to contacts who asked for none, as the sync records and flags it: one set-based statement.</summary>
    private static int FlagConsentViolations(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE Interactions SET ConsentViolation = 'DoNotEmail' WHERE Channel = 'Email' AND Direction = 'Outbound' " +
            "AND ContactId IN (SELECT Id FROM Contacts WHERE DoNotEmail = 1)";
        return command.ExecuteNonQuery();
    }

    private string PickWorkflow((string Value, double Weight)[] values)
    {
        var roll = workflow.NextDouble() * values.Sum(v => v.Weight);
        foreach (var (value, weight) in values)
        {
            roll -= weight;
            if (roll < 0) return value;
        }
        return values[^1].Value;
    }

    private static T Pick<T>(T[] values, Random from) => values[from.Next(values.Length)];

    private int RepCount => options.Reps - options.Managers;

    private void WriteReps(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = Prepare(connection, transaction,
            "INSERT INTO Reps (Id, EntraObjectId, Email, DisplayName, Role, Active, SyncEnabled, CreatedAt, UpdatedAt) " +
            "VALUES ($id, NULL, $email, $name, $role, $active, $sync, $created, $created)",
            "$id", "$email", "$name", "$role", "$active", "$sync", "$created");
        var taken = new HashSet<string>();
        for (var id = 1; id <= options.Reps; id++)
        {
            var first = Vocabulary.FirstNames[(id * 7) % Vocabulary.FirstNames.Length];
            var last = Vocabulary.LastNames[(id * 11) % Vocabulary.LastNames.Length];
            var email = Unique(taken, $"{Ascii(first)}.{Ascii(last)}", OurDomain);
            var created = start.AddDays(random.Next(0, 60));
            Bind(insert, id, email, $"{first} {last}", (id > RepCount ? RepRole.Manager : RepRole.Rep).ToString(),
                random.NextDouble() < 0.96, random.NextDouble() < 0.8, created);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private void WriteContacts(SqliteConnection connection, CancellationToken ct)
    {
        var count = options.Contacts;
        createdTicks = new long[count];
        owners = new int?[count];
        domains = new string[count];
        interests = new string[count];
        stages = new Stage[count];
        dues = new DateTime?[count];
        var taken = new HashSet<string>(count * 2);

        using var transaction = connection.BeginTransaction();
        using var contact = Prepare(connection, transaction,
            "INSERT INTO Contacts (Id, FirstName, LastName, Company, NameKey, Title, Phone, MobilePhone, Street, City, PostalCode, Region, Country, " +
            "Background, Source, FirstMetOn, Interest, Stage, Priority, Score, OwnerId, DoNotCall, DoNotEmail, Unsubscribed, " +
            "NextFollowUpDue, NextFollowUpNote, TouchesTotal, OutboundSinceConnect, PrioritySetByHand, ScoreBase, CreatedAt, UpdatedAt, Version) VALUES " +
            "($id, $first, $last, $company, $nameKey, $title, $phone, $mobile, $street, $city, $postal, $region, $country, " +
            "$background, $source, $met, $interest, $stage, $priority, $score, $owner, $dnc, $dne, $unsub, " +
            "$due, $note, 0, 0, 0, 0, $created, $updated, $version)",
            "$id", "$first", "$last", "$company", "$nameKey", "$title", "$phone", "$mobile", "$street", "$city", "$postal", "$region", "$country",
            "$background", "$source", "$met", "$interest", "$stage", "$priority", "$score", "$owner", "$dnc", "$dne", "$unsub",
            "$due", "$note", "$created", "$updated", "$version");
        using var email = Prepare(connection, transaction,
            // Addresses the mailboxes' backfill already read: no history to fetch.
            "INSERT INTO ContactEmails (ContactId, Address, IsPrimary, HistoryPending) VALUES ($contact, $address, $primary, 0)",
            "$contact", "$address", "$primary");

        for (var id = 1; id <= count; id++)
        {
            ct.ThrowIfCancellationRequested();
            var first = Pick(Vocabulary.FirstNames);
            var last = Pick(Vocabulary.LastNames);
            var company = Pick(Vocabulary.Companies);
            var domain = Vocabulary.DomainOf(company);
            var (country, regions, _) = Pick(Vocabulary.Territories, t => t.Weight);
            var (region, city) = regions[random.Next(regions.Length)];
            var stage = Pick(Vocabulary.Stages, s => s.Weight).Value;
            var interest = Pick(Vocabulary.Interests, i => i.Weight).Value;

            // More leads arrive lately than two years ago: density rises towards the anchor.
            var created = Instant(start.Ticks + (long)(options.History.Ticks * Math.Pow(random.NextDouble(), 1 / 1.3)), maxTicks: options.Anchor.AddHours(-1).Ticks);
            var updated = Instant(created.Ticks + (long)((options.Anchor.Ticks - created.Ticks) * random.NextDouble()), options.Anchor.Ticks);
            int? owner = random.NextDouble() < options.UnassignedShare ? null : OwnerFor();
            var open = stage is not (Stage.Won or Stage.Lost);
            DateTime? due = open && random.NextDouble() < 0.45
                ? options.Anchor.Date.AddDays(random.Next(-20, 31)).AddHours(random.Next(8, 18))
                : null;

            // The duplicate-name key as the contact sets it: on SQLite it is a plain column.
            Bind(contact, id, first, last, company, Contact.NameKeyOf(first, last, company), Pick(Vocabulary.Titles),
                Maybe(0.8, () => Phone(country)), Maybe(0.5, () => Phone(country)),
                Maybe(0.6, () => $"{random.Next(1, 200)} {Pick(Vocabulary.LastNames)} Street"), city,
                Maybe(0.7, () => random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture)), region, country,
                Maybe(0.3, () => Pick(Vocabulary.Backgrounds)), Pick(Vocabulary.Sources, s => s.Weight).Value,
                random.NextDouble() < 0.6 ? DateOnly.FromDateTime(created.AddDays(-random.Next(0, 15))) : null,
                interest, stage.ToString(), Pick(Vocabulary.Priorities, p => p.Weight).Value.ToString(),
                Math.Round(Score(stage), 1), owner,
                random.NextDouble() < 0.05, random.NextDouble() < 0.03, random.NextDouble() < 0.04,
                due, due is null ? null : Pick(Vocabulary.FollowUpNotes), created, updated, random.Next(1, 4));
            contact.ExecuteNonQuery();

            // One to three addresses: work first (primary), then private, then an alias at work.
            var addresses = random.NextDouble() switch { < 0.6 => 1, < 0.9 => 2, _ => 3 };
            var local = $"{Ascii(first)}.{Ascii(last)}";
            for (var n = 0; n < addresses; n++)
            {
                var address = n switch
                {
                    0 => Unique(taken, local, domain),
                    1 => Unique(taken, local, Pick(Vocabulary.PersonalDomains)),
                    _ => Unique(taken, $"{Ascii(first)[0]}{Ascii(last)}", domain),
                };
                Bind(email, id, address, n == 0);
                email.ExecuteNonQuery();
            }

            createdTicks[id - 1] = created.Ticks;
            owners[id - 1] = owner;
            domains[id - 1] = domain;
            interests[id - 1] = interest;
            stages[id - 1] = stage;
            dues[id - 1] = due;
        }
        transaction.Commit();
    }

    private void WriteInteractions(SqliteConnection connection, CancellationToken ct)
    {
        var counts = TouchCounts();
        var transaction = connection.BeginTransaction();
        var insert = PrepareInteraction(connection, transaction);
        var written = 0L;
        var times = new List<long>(512);
        try
        {
            for (var index = 0; index < counts.Length; index++)
            {
                ct.ThrowIfCancellationRequested();
                var contactId = index + 1;
                var created = createdTicks[index];
                var span = options.Anchor.Ticks - created;
                times.Clear();
                for (var n = 0; n < counts[index]; n++)
                {
                    // Most touches cluster after the first meeting and thin out; a quarter are spread evenly.
                    var share = random.NextDouble() < 0.75 ? Math.Pow(random.NextDouble(), 1.6) : random.NextDouble();
                    times.Add(created + (long)(span * share));
                }
                times.Sort();
                var toConnect = TouchesToConnect();
                for (var n = 0; n < times.Count; n++)
                {
                    var phase = toConnect is not { } k || n < k ? Phase.Pursuit : n == k ? Phase.FirstConnect : Phase.Engaged;
                    WriteTouch(insert, contactId, Instant(times[n], options.Anchor.Ticks - TimeSpan.TicksPerSecond), written, phase);
                    if (++written % RowsPerTransaction == 0)
                    {
                        transaction.Commit();
                        transaction.Dispose();
                        transaction = connection.BeginTransaction();
                        insert.Transaction = transaction;
                    }
                }
            }
            transaction.Commit();
        }
        finally
        {
            insert.Dispose();
            transaction.Dispose();
        }
    }

    private static SqliteCommand PrepareInteraction(SqliteConnection connection, SqliteTransaction transaction) => Prepare(connection, transaction,
        "INSERT INTO Interactions (ContactId, RepId, Channel, Direction, OccurredAt, Subject, Notes, Outcome, Origin, NaturalKey, IsConnect, OverFrequencyCap, RecordedAt) " +
        "VALUES ($contact, $rep, $channel, $direction, $at, $subject, $notes, $outcome, $origin, $key, $connect, 0, $recorded)",
        "$contact", "$rep", "$channel", "$direction", "$at", "$subject", "$notes", "$outcome", "$origin", "$key", "$connect", "$recorded");

    /// <summary>Where a touch falls in the contact's story: chasing before anyone answers, the first connect, or talking since.</summary>
    private enum Phase
    {
        Pursuit,
        FirstConnect,
        Engaged,
    }

    private void WriteTouch(SqliteCommand insert, int contactId, DateTime occurredAt, long sequence, Phase phase)
    {
        var index = contactId - 1;
        var owner = owners[index];
        var interest = interests[index];
        var (channel, direction, outcome) = Shape(phase);
        Origin origin;
        string? subject = null, notes = null;
        string key;

        switch (channel)
        {
            case Channel.Email:
                origin = Pick(MailOrigins, o => o.Weight).Value;
                subject = string.Format(CultureInfo.InvariantCulture, Pick(Vocabulary.EmailSubjects), interest);
                key = TouchKey.ForMail($"<{Hex(8)}.{sequence}@{(direction == Direction.Outbound ? OurDomain : domains[index])}>", direction);
                break;
            case Channel.Meeting:
                origin = random.NextDouble() < 0.95 ? Origin.Sync : Origin.Addin;
                subject = string.Format(CultureInfo.InvariantCulture, Pick(Vocabulary.MeetingSubjects), interest);
                key = TouchKey.ForMeeting($"040000008200E00074C5B7101A82E008{Hex(16).ToUpperInvariant()}{sequence:X8}");
                break;
            case Channel.Call or Channel.Voicemail:
                origin = Pick(ManualOrigins, o => o.Weight).Value;
                notes = channel == Channel.Call ? Pick(Vocabulary.CallNotes) : null;
                key = ClientKey();
                break;
            case Channel.Letter:
                origin = random.NextDouble() < 0.6 ? Origin.Api : Origin.Import;
                subject = $"Brochure: {interest}";
                key = ClientKey();
                break;
            case Channel.Visit:
                origin = random.NextDouble() < 0.7 ? Origin.Addin : Origin.Api;
                notes = Pick(Vocabulary.CallNotes);
                key = ClientKey();
                break;
            default:
                origin = random.NextDouble() < 0.7 ? Origin.Addin : Origin.Api;
                notes = Pick(Vocabulary.Backgrounds);
                key = ClientKey();
                break;
        }

        // The owner makes most touches; colleagues stand in; imports often name nobody.
        int? rep = origin == Origin.Import && random.NextDouble() < 0.5 ? null
            : owner is { } o && random.NextDouble() < 0.85 ? o
            : OwnerFor();
        var delay = origin switch
        {
            Origin.Sync => TimeSpan.FromSeconds(random.Next(30, 600)),
            Origin.Import => TimeSpan.FromDays(random.Next(1, 60)),
            _ => TimeSpan.FromSeconds(random.Next(0, 7200)),
        };
        var recorded = occurredAt + delay > options.Anchor ? options.Anchor : occurredAt + delay;

        Bind(insert, contactId, rep, channel.ToString(), direction.ToString(), occurredAt, subject, notes, outcome?.ToString(), origin.ToString(),
            key, Interaction.CountsAsConnect(channel, direction, outcome), recorded);
        insert.ExecuteNonQuery();
    }

    /// <summary>Channel, direction and outcome: only unanswered outbound touches while chasing, a reply, a connected call or a held meeting to connect.</summary>
    private (Channel, Direction, Outcome?) Shape(Phase phase)
    {
        if (phase == Phase.Pursuit)
        {
            return Pick(PursuitChannels, c => c.Weight).Value switch
            {
                Channel.Email => (Channel.Email, Direction.Outbound, random.NextDouble() < 0.03 ? Outcome.Bounced : null),
                Channel.Call => (Channel.Call, Direction.Outbound, Pick(UnansweredCallOutcomes, o => o.Weight).Value),
                Channel.Voicemail => (Channel.Voicemail, Direction.Outbound, Outcome.LeftMessage),
                _ => (Channel.Letter, Direction.Outbound, null),
            };
        }
        if (phase == Phase.FirstConnect)
        {
            return random.NextDouble() switch
            {
                < 0.5 => (Channel.Email, Direction.Inbound, null),
                < 0.8 => (Channel.Call, Direction.Outbound, Outcome.Connected),
                _ => (Channel.Meeting, Direction.Outbound, Outcome.Held),
            };
        }

        var channel = Pick(ChannelWeights, c => c.Weight).Value;
        switch (channel)
        {
            case Channel.Email:
                var mailDirection = random.NextDouble() < 0.6 ? Direction.Outbound : Direction.Inbound;
                return (channel, mailDirection, mailDirection == Direction.Outbound && random.NextDouble() < 0.02 ? Outcome.Bounced : null);
            case Channel.Meeting:
                return (channel, random.NextDouble() < 0.7 ? Direction.Outbound : Direction.Inbound, random.NextDouble() < 0.8 ? Outcome.Held : Outcome.Cancelled);
            case Channel.Call:
                var callDirection = random.NextDouble() < 0.85 ? Direction.Outbound : Direction.Inbound;
                return (channel, callDirection, callDirection == Direction.Inbound ? Outcome.Connected : Pick(CallOutcomes, o => o.Weight).Value);
            case Channel.Voicemail:
                return (channel, Direction.Outbound, Outcome.LeftMessage);
            case Channel.Letter:
                return (channel, Direction.Outbound, random.NextDouble() < 0.03 ? Outcome.Bounced : null);
            case Channel.Visit:
                return (channel, Direction.Outbound, Pick(VisitOutcomes, o => o.Weight).Value);
            default:
                return (channel, Direction.None, null);
        }
    }

    /// <summary>
    /// How many outbound touches it takes before a contact first answers: geometric with a mean near
    /// the field's "eight to ten touches"; a quarter never answer at all (null).
    /// </summary>
    private int? TouchesToConnect() =>
        random.NextDouble() < 0.25 ? null : (int)Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(1 - 1 / 9.0));

    /// <summary>
    /// Touches per contact, skewed like real pipelines (a few contacts with hundreds, a tail of untouched
    /// new leads) and summing exactly to the requested total.
    /// </summary>
    private int[] TouchCounts()
    {
        var weights = new double[options.Contacts];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextDouble() < 0.04 ? 0 : Math.Exp(0.9 * Gaussian());
        }
        var sum = weights.Sum();
        var counts = new int[weights.Length];
        const int cap = 400;
        long assigned = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Math.Min(cap, (int)(options.Interactions * weights[i] / sum));
            assigned += counts[i];
        }
        // Hand the rounding remainder (and whatever the cap cut) to touched contacts, one at a time, in random order.
        for (var remaining = options.Interactions - assigned; remaining > 0;)
        {
            var i = random.Next(counts.Length);
            if (weights[i] == 0 || counts[i] >= cap) continue;
            counts[i]++;
            remaining--;
        }
        return counts;
    }

    private static readonly (Channel Value, double Weight)[] ChannelWeights =
        [(Channel.Email, 58), (Channel.Meeting, 7), (Channel.Call, 18), (Channel.Voicemail, 5), (Channel.Letter, 2), (Channel.Visit, 3), (Channel.Note, 7)];

    private static readonly (Outcome Value, double Weight)[] CallOutcomes =
        [(Outcome.Connected, 30), (Outcome.LeftMessage, 25), (Outcome.NoAnswer, 30), (Outcome.SpokeToSomeoneElse, 15)];

    private static readonly (Outcome Value, double Weight)[] VisitOutcomes =
        [(Outcome.Connected, 40), (Outcome.Held, 30), (Outcome.NoAnswer, 15), (Outcome.SpokeToSomeoneElse, 15)];

    private static readonly (Channel Value, double Weight)[] PursuitChannels =
        [(Channel.Email, 60), (Channel.Call, 25), (Channel.Voicemail, 10), (Channel.Letter, 5)];

    private static readonly (Outcome Value, double Weight)[] UnansweredCallOutcomes =
        [(Outcome.NoAnswer, 50), (Outcome.LeftMessage, 35), (Outcome.SpokeToSomeoneElse, 15)];

    private static readonly (Origin Value, double Weight)[] MailOrigins = [(Origin.Sync, 92), (Origin.Addin, 6), (Origin.Import, 2)];
    private static readonly (Origin Value, double Weight)[] ManualOrigins = [(Origin.Addin, 55), (Origin.Api, 35), (Origin.Import, 10)];

    /// <summary>A rep (never a manager), some reps busier than others.</summary>
    private int OwnerFor() => 1 + (int)(RepCount * Math.Pow(random.NextDouble(), 1.3));

    private double Score(Stage stage)
    {
        var floor = stage switch
        {
            Stage.New => 0, Stage.MarketingQualified => 20, Stage.SalesQualified => 40, Stage.Proposal => 55,
            Stage.Agreement => 70, Stage.Won => 80, Stage.Lost => 0, _ => 10,
        };
        return floor + random.NextDouble() * (100 - floor) * 0.6;
    }

    private string Phone(string country) => country switch
    {
        "US" or "CA" => $"+1 {random.Next(200, 999)} 555 {random.Next(1000, 9999)}",
        "DE" => $"+49 {random.Next(30, 999)} {random.Next(100000, 9999999)}",
        "GB" => $"+44 20 {random.Next(1000, 9999)} {random.Next(1000, 9999)}",
        _ => $"+{random.Next(30, 99)} {random.Next(10, 99)} {random.Next(100, 999)} {random.Next(1000, 9999)}",
    };

    private string ClientKey()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return TouchKey.ForClient(new Guid(bytes).ToString());
    }

    private string Hex(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private T Pick<T>(T[] values) => values[random.Next(values.Length)];

    private T Pick<T>(T[] values, Func<T, double> weight)
    {
        var roll = random.NextDouble() * values.Sum(weight);
        foreach (var value in values)
        {
            roll -= weight(value);
            if (roll < 0) return value;
        }
        return values[^1];
    }

    private string? Maybe(double chance, Func<string> value) => random.NextDouble() < chance ? value() : null;

    private static DateTime Instant(long ticks, long maxTicks)
    {
        // Whole seconds, as mail and calendar report them.
        var seconds = Math.Min(ticks, maxTicks) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond;
        return new DateTime(seconds, DateTimeKind.Utc);
    }

    private static string Unique(HashSet<string> taken, string local, string domain)
    {
        var address = $"{local}@{domain}";
        for (var n = 2; !taken.Add(address); n++) address = $"{local}{n}@{domain}";
        return address;
    }

    /// <summary>Lower-case ASCII for address local parts: "Lefèvre" → "lefevre", "O'Brien" → "obrien".</summary>
    private static string Ascii(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c)) text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
