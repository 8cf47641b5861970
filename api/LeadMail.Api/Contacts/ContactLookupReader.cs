using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using LeadMail.Api.Interactions;
using LeadMail.Core.Consent;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Contacts;

/// <summary>
/// The rows behind the task pane's lookup, read with hand-written statements that are prepared once
/// per connection and kept, on a small pool of open connections. The lookup runs for every email a rep
/// opens; through EF Core (a context per request, a command prepared per query, entities materialised
/// and mapped) it cost four to five times the reads themselves on the 100,000-contact benchmark
/// (docs/benchmarks.md). Everything else in the API stays on EF Core. The DTOs built here must equal
/// what the AutoMapper profiles make of the same rows; ContactLookupEquivalenceTests holds them to it.
/// </summary>
public sealed class ContactLookupReader : IDisposable
{
    public const int LatestTouches = 20;

    private readonly Func<DbConnection> connect;
    private readonly bool sqlite;
    private readonly ConcurrentBag<LookupStatements> idle = [];
    private readonly int maxIdle = Math.Max(4, Environment.ProcessorCount * 2);
    private bool disposed;

    public ContactLookupReader(Func<DbConnection> connect, bool sqlite)
    {
        this.connect = connect;
        this.sqlite = sqlite;
    }

    /// <summary>For the API's database, whichever provider is configured (read once from a context).</summary>
    public static ContactLookupReader For(LeadMailDb db)
    {
        var connectionString = db.Database.GetConnectionString()!;
        return db.Database.IsSqlite()
            ? new ContactLookupReader(() => new SqliteConnection(connectionString), sqlite: true)
            : new ContactLookupReader(() => new SqlConnection(connectionString), sqlite: false);
    }

    /// <summary>
    /// The contact owning <paramref name="address"/> (normalised) and what the pane shows with it, or null when
    /// there is none or <paramref name="visible"/> says its owner's leads are not the caller's to see.
    /// </summary>
    public async Task<ContactLookupRows?> ReadAsync(
        string address, Func<int?, bool> visible, string? internetMessageId, DateTime now, FrequencyCapOptions cap, CancellationToken ct)
    {
        var statements = Rent();
        try
        {
            var rows = await statements.ReadAsync(address, visible, internetMessageId, now, cap, ct);
            Return(statements);
            return rows;
        }
        catch
        {
            // A connection that failed (a dropped SQL Server session, a cancelled read) is not reused.
            statements.Dispose();
            throw;
        }
    }

    private LookupStatements Rent()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return idle.TryTake(out var statements) ? statements : new LookupStatements(connect(), sqlite);
    }

    private void Return(LookupStatements statements)
    {
        if (disposed || idle.Count >= maxIdle) statements.Dispose();
        else idle.Add(statements);
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var statements)) statements.Dispose();
    }

    /// <summary>One open connection and the lookup's commands on it, used by one request at a time.</summary>
    private sealed class LookupStatements : IDisposable
    {
        private readonly DbConnection connection;
        private readonly DbCommand contact;
        private readonly DbCommand addresses;
        private readonly DbCommand touches;
        private readonly DbCommand counts;
        private readonly DbCommand logged;
        private readonly DbCommand? beginSnapshot;
        private readonly DbCommand? endSnapshot;
        private readonly bool sqlite;

        public LookupStatements(DbConnection connection, bool sqlite)
        {
            this.connection = connection;
            this.sqlite = sqlite;
            connection.Open();
            contact = Command("""
                SELECT c.Id, c.FirstName, c.LastName, c.Company, c.Title, c.Phone, c.MobilePhone, c.Street, c.City, c.PostalCode,
                       c.Region, c.Country, c.Background, c.Source, c.FirstMetOn, c.Interest, c.Stage, c.Priority, c.PrioritySetByHand,
                       c.Score, c.OwnerId, o.DisplayName, c.DoNotCall, c.DoNotEmail, c.Unsubscribed, c.NextFollowUpDue, c.NextFollowUpNote,
                       c.LastTouchAt, c.LastInboundAt, c.TouchesTotal, c.OutboundSinceConnect, c.FirstConnectAt, c.TouchesBeforeConnect,
                       c.CreatedAt, c.UpdatedAt, c.Version
                FROM ContactEmails e
                JOIN Contacts c ON c.Id = e.ContactId
                LEFT JOIN Reps o ON o.Id = c.OwnerId
                WHERE e.Address = @address
                """, sqlite, ("@address", DbType.String));
            // The order the profile gives `emails`: primary first, then as added.
            addresses = Command("SELECT Address FROM ContactEmails WHERE ContactId = @id ORDER BY IsPrimary DESC, Id", sqlite, ("@id", DbType.Int32));
            var latest = sqlite ? ("", $"LIMIT {LatestTouches}") : ($"TOP ({LatestTouches})", "");
            touches = Command($"""
                SELECT {latest.Item1} i.Id, i.ContactId, i.RepId, r.DisplayName, i.Channel, i.Direction, i.OccurredAt, i.Subject, i.Notes,
                       i.Outcome, i.Origin, i.IsConnect, i.RecordedAt, i.ConsentViolation, i.ConsentOverrideReason, i.OverFrequencyCap
                FROM Interactions i
                LEFT JOIN Reps r ON r.Id = i.RepId
                WHERE i.ContactId = @id
                ORDER BY i.OccurredAt DESC, i.Id DESC
                {latest.Item2}
                """, sqlite, ("@id", DbType.Int32));
            // The 7-day counts and the frequency cap's count in one pass over the contact's recent touches.
            // Their windows differ on purpose: the pane's "last 7 days" is [now − 7 d, …), the cap's (now − window, now].
            counts = Command("""
                SELECT COALESCE(SUM(CASE WHEN OccurredAt >= @weekStart THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN OccurredAt >= @weekStart AND Direction = 'Outbound' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN OccurredAt > @capStart AND OccurredAt <= @now AND Direction = 'Outbound' THEN 1 ELSE 0 END), 0)
                FROM Interactions
                WHERE ContactId = @id AND OccurredAt >= @from
                """, sqlite, ("@id", DbType.Int32), ("@weekStart", DbType.DateTime2), ("@capStart", DbType.DateTime2), ("@now", DbType.DateTime2), ("@from", DbType.DateTime2));
            logged = Command("""
                SELECT CASE WHEN EXISTS (SELECT 1 FROM Interactions WHERE ContactId = @id AND NaturalKey IN (@inbound, @outbound)) THEN 1 ELSE 0 END
                """, sqlite, ("@id", DbType.Int32), ("@inbound", DbType.String), ("@outbound", DbType.String));
            if (sqlite)
            {
                beginSnapshot = Command("BEGIN", sqlite);
                endSnapshot = Command("COMMIT", sqlite);
            }
        }

        /// <summary>
        /// On SQLite the reads share one read transaction, so the contact's counters, its latest touches and
        /// the 7-day counts come from one snapshot even when the sync worker commits touches between them
        /// (prepared BEGIN and COMMIT: BeginTransaction would compile its statements on every call).
        /// On SQL Server each statement reads committed rows, as EF Core's reads do.
        /// </summary>
        public async Task<ContactLookupRows?> ReadAsync(
            string address, Func<int?, bool> visible, string? internetMessageId, DateTime now, FrequencyCapOptions cap, CancellationToken ct)
        {
            if (beginSnapshot is null || endSnapshot is null) return await ReadRowsAsync(address, visible, internetMessageId, now, cap, ct);
            ct.ThrowIfCancellationRequested();
            beginSnapshot.ExecuteNonQuery();
            try
            {
                return await ReadRowsAsync(address, visible, internetMessageId, now, cap, ct);
            }
            finally
            {
                // A snapshot left open on a kept connection would stop the WAL from ever being checkpointed.
                endSnapshot.ExecuteNonQuery();
            }
        }

        private async Task<ContactLookupRows?> ReadRowsAsync(
            string address, Func<int?, bool> visible, string? internetMessageId, DateTime now, FrequencyCapOptions cap, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            contact.Parameters[0].Value = address;
            ContactDto row;
            await using (var reader = await ExecuteAsync(contact, ct))
            {
                if (!await NextAsync(reader, ct)) return null;
                row = ReadContact(reader);
            }
            // The address is unique, so visibility is checked on the one row found rather than joined into the query.
            if (!visible(row.OwnerId)) return null;

            addresses.Parameters[0].Value = row.Id;
            var emails = new List<string>(2);
            await using (var reader = await ExecuteAsync(addresses, ct))
            {
                while (await NextAsync(reader, ct)) emails.Add(reader.GetString(0));
            }

            touches.Parameters[0].Value = row.Id;
            var recent = new List<InteractionDto>(LatestTouches);
            await using (var reader = await ExecuteAsync(touches, ct))
            {
                while (await NextAsync(reader, ct)) recent.Add(ReadTouch(reader));
            }

            var weekStart = now.AddDays(-7);
            var window = FrequencyCapWindow.At(now, cap);
            var capStart = window.Start;
            counts.Parameters[0].Value = row.Id;
            counts.Parameters[1].Value = weekStart;
            counts.Parameters[2].Value = capStart;
            counts.Parameters[3].Value = now;
            counts.Parameters[4].Value = weekStart < capStart ? weekStart : capStart;
            int week, outboundWeek, outboundInCapWindow;
            await using (var reader = await ExecuteAsync(counts, ct))
            {
                await NextAsync(reader, ct);
                (week, outboundWeek, outboundInCapWindow) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
            }

            bool? messageLogged = null;
            if (!string.IsNullOrWhiteSpace(internetMessageId))
            {
                logged.Parameters[0].Value = row.Id;
                logged.Parameters[1].Value = TouchKey.ForMail(internetMessageId, Direction.Inbound);
                logged.Parameters[2].Value = TouchKey.ForMail(internetMessageId, Direction.Outbound);
                messageLogged = Convert.ToInt32(await logged.ExecuteScalarAsync(ct)) == 1;
            }

            return new ContactLookupRows(
                row with { Email = emails.FirstOrDefault(), Emails = emails, DisplayName = ContactDto.DisplayNameOf(row.FirstName, row.LastName, row.Company, emails.FirstOrDefault()) },
                recent,
                week,
                outboundWeek,
                window.StatusFor(outboundInCapWindow),
                messageLogged);
        }

        // Microsoft.Data.Sqlite's async methods run synchronously and wrap the result in a task; on the
        // lookup's path those wrappers cost more than some of the reads, so SQLite is read synchronously.
        // SQL Server's reads are real network I/O and stay asynchronous.
        private ValueTask<DbDataReader> ExecuteAsync(DbCommand command, CancellationToken ct) =>
            sqlite ? new(command.ExecuteReader()) : new(command.ExecuteReaderAsync(ct));

        private ValueTask<bool> NextAsync(DbDataReader reader, CancellationToken ct) =>
            sqlite ? new(reader.Read()) : new(reader.ReadAsync(ct));

        // Email, Emails and DisplayName come with the addresses, read next.
        private static ContactDto ReadContact(DbDataReader r) => new()
        {
            Id = r.GetInt32(0),
            FirstName = Text(r, 1),
            LastName = Text(r, 2),
            Company = Text(r, 3),
            Title = Text(r, 4),
            Phone = Text(r, 5),
            MobilePhone = Text(r, 6),
            Street = Text(r, 7),
            City = Text(r, 8),
            PostalCode = Text(r, 9),
            Region = Text(r, 10),
            Country = Text(r, 11),
            Background = Text(r, 12),
            Source = Text(r, 13),
            FirstMetOn = r.IsDBNull(14) ? null : r.GetFieldValue<DateOnly>(14),
            Interest = Text(r, 15),
            Stage = Enum.Parse<Stage>(r.GetString(16)),
            Priority = Enum.Parse<Priority>(r.GetString(17)),
            PrioritySetByHand = r.GetBoolean(18),
            Score = r.GetDouble(19),
            OwnerId = r.IsDBNull(20) ? null : r.GetInt32(20),
            OwnerName = Text(r, 21),
            DoNotCall = r.GetBoolean(22),
            DoNotEmail = r.GetBoolean(23),
            Unsubscribed = r.GetBoolean(24),
            NextFollowUpDue = Instant(r, 25),
            NextFollowUpNote = Text(r, 26),
            LastTouchAt = Instant(r, 27),
            LastInboundAt = Instant(r, 28),
            TouchesTotal = r.GetInt32(29),
            OutboundSinceConnect = r.GetInt32(30),
            FirstConnectAt = Instant(r, 31),
            TouchesBeforeConnect = r.IsDBNull(32) ? null : r.GetInt32(32),
            CreatedAt = Stored(r, 33),
            UpdatedAt = Stored(r, 34),
            Version = r.GetInt32(35),
        };

        private static InteractionDto ReadTouch(DbDataReader r) => new()
        {
            Id = r.GetInt64(0),
            ContactId = r.GetInt32(1),
            RepId = r.IsDBNull(2) ? null : r.GetInt32(2),
            RepName = Text(r, 3),
            Channel = Enum.Parse<Channel>(r.GetString(4)),
            Direction = Enum.Parse<Direction>(r.GetString(5)),
            OccurredAt = Stored(r, 6),
            Subject = Text(r, 7),
            Notes = Text(r, 8),
            Outcome = r.IsDBNull(9) ? null : Enum.Parse<Outcome>(r.GetString(9)),
            Origin = Enum.Parse<Origin>(r.GetString(10)),
            IsConnect = r.GetBoolean(11),
            RecordedAt = Stored(r, 12),
            ConsentViolation = r.IsDBNull(13) ? null : Enum.Parse<ConsentFlag>(r.GetString(13)),
            ConsentOverrideReason = Text(r, 14),
            OverFrequencyCap = r.GetBoolean(15),
        };

        private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        private static DateTime? Instant(DbDataReader r, int i) => r.IsDBNull(i) ? null : Stored(r, i);

        // Stored as UTC (LeadMailDb's converter); read back with the kind the rest of the API gives it.
        // SQLite keeps instants as text, read by position (SqliteInstant) rather than through DateTime.Parse.
        private static DateTime Stored(DbDataReader r, int i) =>
            r is SqliteDataReader ? SqliteInstant.ParseUtc(r.GetString(i)) : DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);

        private DbCommand Command(string sql, bool sqlite, params (string Name, DbType Type)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                // SQL Server: datetime2, as EF Core writes the columns (the default, datetime, rounds to 3 ms).
                // SQLite: left to Microsoft.Data.Sqlite, which writes instants as the same text EF Core stores.
                if (!sqlite) parameter.DbType = type;
                command.Parameters.Add(parameter);
            }
            // Compiled once, kept with the connection: preparing was a large share of each read on SQLite.
            // SQL Server caches the plans of parameterised statements itself (and its Prepare wants sizes).
            if (sqlite) command.Prepare();
            return command;
        }

        public void Dispose()
        {
            contact.Dispose();
            addresses.Dispose();
            touches.Dispose();
            counts.Dispose();
            logged.Dispose();
            beginSnapshot?.Dispose();
            endSnapshot?.Dispose();
            connection.Dispose();
        }
    }
}

public static class ContactLookupRegistration
{
    /// <summary>One reader (and its pool of connections) for the process, on the database the contexts use.</summary>
    public static IServiceCollection AddContactLookup(this IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            using var scope = sp.CreateScope();
            return ContactLookupReader.For(scope.ServiceProvider.GetRequiredService<LeadMailDb>());
        });
}

/// <summary>What the lookup read for one contact the caller may see.</summary>
public sealed record ContactLookupRows(
    ContactDto Contact, List<InteractionDto> Interactions, int TouchesLast7Days, int OutboundTouchesLast7Days, FrequencyCapStatus Cap, bool? MessageLogged);
