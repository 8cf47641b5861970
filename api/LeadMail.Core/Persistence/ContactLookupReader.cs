using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using LeadMail.Core.Consent;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Reps;
using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Core.Persistence;

/// <summary>
/// The rows behind the task pane's lookup, read with hand-written statements that are prepared once
/// per connection and kept, on a small pool of open connections. The lookup runs for every email a rep
/// opens; through EF Core (a context per request, a command prepared per query, entities materialised
/// and mapped) it cost four to five times the reads themselves on the 100,000-contact benchmark
/// (docs/benchmarks.md). Everything else stays on EF Core. Each provider
/// (<see cref="Sqlite.SqliteContactLookup{TContact, TTouch}"/>, <see cref="SqlServer.SqlServerContactLookup{TContact, TTouch}"/>)
/// opens its connections and says how its statements run.
/// </summary>
internal abstract class ContactLookupReader<TContact, TTouch> : IContactLookup<TContact, TTouch>, IDisposable
{
    private readonly IContactLookupShape<TContact, TTouch> shape;
    private readonly ConcurrentBag<LookupStatements> idle = [];
    private readonly int maxIdle = Math.Max(4, Environment.ProcessorCount * 2);
    private bool disposed;

    /// <param name="scopes">Asked once for a context, for the database the contexts use and the model's names.</param>
    protected ContactLookupReader(IContactLookupShape<TContact, TTouch> shape, IServiceScopeFactory scopes)
    {
        this.shape = shape;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
        ConnectionString = db.Database.GetConnectionString()!;
        Sql = StatementsFor(db);
    }

    protected string ConnectionString { get; }

    protected LookupSql Sql { get; }

    /// <summary>The provider's statements, names from the model.</summary>
    protected abstract LookupSql StatementsFor(LeadMailDb db);

    /// <summary>A new open connection with the lookup's statements on it.</summary>
    protected abstract LookupStatements Open();

    public async Task<ContactLookupResult<TContact, TTouch>> ReadAsync(
        string address, Func<int?, bool> visible, string? internetMessageId, DateTime now, FrequencyCapOptions cap, CancellationToken ct)
    {
        var statements = Rent();
        try
        {
            var rows = await statements.ReadAsync(shape, address, visible, internetMessageId, now, cap, ct);
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
        return idle.TryTake(out var statements) ? statements : Open();
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
}

/// <summary>The lookup's statements; <see cref="BeginSnapshot"/> and <see cref="EndSnapshot"/> only where the reads share a snapshot.</summary>
internal sealed record LookupSql(string FindContact, string ListAddresses, string ListTouches, string CountTouches, string FindLogged, string? BeginSnapshot = null, string? EndSnapshot = null)
{
    public const int LatestTouches = 20;

    /// <summary>
    /// The statements with the model's table and column names, delimited for the provider.
    /// <paramref name="latest"/> makes a query of the newest <see cref="LatestTouches"/> rows of an ordered one.
    /// </summary>
    public static LookupSql Of(LeadMailDb db, Func<string, string, string> latest)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var contacts = new Names<Contact>(db, sql, "c");
        var emails = new Names<ContactEmail>(db, sql, "e");
        var owners = new Names<Rep>(db, sql, "o");
        var reps = new Names<Rep>(db, sql, "r");
        var touches = new Names<Interaction>(db, sql, "i");
        var bare = new Names<Interaction>(db, sql, null);
        var fetches = new Names<HistoryFetch>(db, sql, "f");
        const string outbound = nameof(Direction.Outbound);

        var contactColumns = string.Join(", ", new[]
        {
            contacts[nameof(Contact.Id)], contacts[nameof(Contact.FirstName)], contacts[nameof(Contact.LastName)], contacts[nameof(Contact.Company)],
            contacts[nameof(Contact.Title)], contacts[nameof(Contact.Phone)], contacts[nameof(Contact.MobilePhone)], contacts[nameof(Contact.Street)],
            contacts[nameof(Contact.City)], contacts[nameof(Contact.PostalCode)], contacts[nameof(Contact.Region)], contacts[nameof(Contact.Country)],
            contacts[nameof(Contact.Background)], contacts[nameof(Contact.Source)], contacts[nameof(Contact.FirstMetOn)], contacts[nameof(Contact.Interest)],
            contacts[nameof(Contact.Stage)], contacts[nameof(Contact.Priority)], contacts[nameof(Contact.PrioritySetByHand)], contacts[nameof(Contact.Score)],
            contacts[nameof(Contact.OwnerId)], owners[nameof(Rep.DisplayName)], contacts[nameof(Contact.DoNotCall)], contacts[nameof(Contact.DoNotEmail)],
            contacts[nameof(Contact.Unsubscribed)], contacts[nameof(Contact.NextFollowUpDue)], contacts[nameof(Contact.NextFollowUpNote)],
            contacts[nameof(Contact.LastTouchAt)], contacts[nameof(Contact.LastInboundAt)], contacts[nameof(Contact.TouchesTotal)],
            contacts[nameof(Contact.OutboundSinceConnect)], contacts[nameof(Contact.FirstConnectAt)], contacts[nameof(Contact.TouchesBeforeConnect)],
            contacts[nameof(Contact.CreatedAt)], contacts[nameof(Contact.UpdatedAt)], contacts[nameof(Contact.Version)],
        });
        var touchColumns = string.Join(", ", new[]
        {
            touches[nameof(Interaction.Id)], touches[nameof(Interaction.ContactId)], touches[nameof(Interaction.RepId)], reps[nameof(Rep.DisplayName)],
            touches[nameof(Interaction.Channel)], touches[nameof(Interaction.Direction)], touches[nameof(Interaction.OccurredAt)],
            touches[nameof(Interaction.Subject)], touches[nameof(Interaction.Notes)], touches[nameof(Interaction.Outcome)], touches[nameof(Interaction.Origin)],
            touches[nameof(Interaction.IsConnect)], touches[nameof(Interaction.RecordedAt)], touches[nameof(Interaction.ConsentViolation)],
            touches[nameof(Interaction.ConsentOverrideReason)], touches[nameof(Interaction.OverFrequencyCap)],
        });
        var occurredAt = bare[nameof(Interaction.OccurredAt)];
        var direction = bare[nameof(Interaction.Direction)];

        return new LookupSql(
            FindContact: $"""
                SELECT {contactColumns}
                FROM {emails.Table} e
                JOIN {contacts.Table} c ON {contacts[nameof(Contact.Id)]} = {emails[nameof(ContactEmail.ContactId)]}
                LEFT JOIN {owners.Table} o ON {owners[nameof(Rep.Id)]} = {contacts[nameof(Contact.OwnerId)]}
                WHERE {emails[nameof(ContactEmail.Address)]} = @address
                """,
            // The order the profile gives `emails`: primary first, then as added. With each, whether its history is still
            // being fetched: waiting to be queued (while any mailbox syncs) or queued from an active, synced mailbox.
            ListAddresses: $"""
                SELECT {emails[nameof(ContactEmail.Address)]},
                       CASE WHEN ({emails[nameof(ContactEmail.HistoryPending)]} = 1
                                  AND EXISTS (SELECT 1 FROM {reps.Table} r WHERE {reps[nameof(Rep.Active)]} = 1 AND {reps[nameof(Rep.SyncEnabled)]} = 1))
                              OR EXISTS (SELECT 1 FROM {fetches.Table} f JOIN {reps.Table} r ON {reps[nameof(Rep.Id)]} = {fetches[nameof(HistoryFetch.RepId)]}
                                         WHERE {fetches[nameof(HistoryFetch.ContactEmailId)]} = {emails[nameof(ContactEmail.Id)]}
                                           AND {fetches[nameof(HistoryFetch.CompletedAt)]} IS NULL
                                           AND {reps[nameof(Rep.Active)]} = 1 AND {reps[nameof(Rep.SyncEnabled)]} = 1)
                            THEN 1 ELSE 0 END
                FROM {emails.Table} e
                WHERE {emails[nameof(ContactEmail.ContactId)]} = @id
                ORDER BY {emails[nameof(ContactEmail.IsPrimary)]} DESC, {emails[nameof(ContactEmail.Id)]}
                """,
            ListTouches: latest(touchColumns, $"""
                FROM {touches.Table} i
                LEFT JOIN {reps.Table} r ON {reps[nameof(Rep.Id)]} = {touches[nameof(Interaction.RepId)]}
                WHERE {touches[nameof(Interaction.ContactId)]} = @id
                ORDER BY {touches[nameof(Interaction.OccurredAt)]} DESC, {touches[nameof(Interaction.Id)]} DESC
                """),
            // The 7-day counts and the frequency cap's count in one pass over the contact's recent touches.
            // Their windows differ on purpose: the pane's "last 7 days" is [now − 7 d, …), the cap's (now − window, now].
            CountTouches: $"""
                SELECT COALESCE(SUM(CASE WHEN {occurredAt} >= @weekStart THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN {occurredAt} >= @weekStart AND {direction} = '{outbound}' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN {occurredAt} > @capStart AND {occurredAt} <= @now AND {direction} = '{outbound}' THEN 1 ELSE 0 END), 0)
                FROM {bare.Table}
                WHERE {bare[nameof(Interaction.ContactId)]} = @id AND {occurredAt} >= @from
                """,
            FindLogged: $"""
                SELECT CASE WHEN EXISTS (SELECT 1 FROM {bare.Table} WHERE {bare[nameof(Interaction.ContactId)]} = @id AND {bare[nameof(Interaction.NaturalKey)]} IN (@inbound, @outbound)) THEN 1 ELSE 0 END
                """);
    }

    /// <summary>An entity's table and columns as the model names them, delimited, columns prefixed with the alias when there is one.</summary>
    private sealed class Names<T>(LeadMailDb db, ISqlGenerationHelper sql, string? alias)
    {
        private readonly IEntityType entity = db.Model.FindEntityType(typeof(T))!;

        public string Table => sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());

        public string this[string property]
        {
            get
            {
                var column = sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()))!);
                return alias is null ? column : $"{alias}.{column}";
            }
        }
    }
}

/// <summary>One open connection and the lookup's commands on it, used by one request at a time.</summary>
internal abstract class LookupStatements : IDisposable
{
    private readonly DbConnection connection;
    private readonly DbCommand contact;
    private readonly DbCommand addresses;
    private readonly DbCommand touches;
    private readonly DbCommand counts;
    private readonly DbCommand logged;
    private readonly DbCommand? beginSnapshot;
    private readonly DbCommand? endSnapshot;

    protected LookupStatements(DbConnection connection, LookupSql sql)
    {
        this.connection = connection;
        connection.Open();
        contact = Command(sql.FindContact, ("@address", DbType.String));
        addresses = Command(sql.ListAddresses, ("@id", DbType.Int32));
        touches = Command(sql.ListTouches, ("@id", DbType.Int32));
        counts = Command(sql.CountTouches, ("@id", DbType.Int32), ("@weekStart", DbType.DateTime2), ("@capStart", DbType.DateTime2), ("@now", DbType.DateTime2), ("@from", DbType.DateTime2));
        logged = Command(sql.FindLogged, ("@id", DbType.Int32), ("@inbound", DbType.String), ("@outbound", DbType.String));
        if (sql.BeginSnapshot is not null && sql.EndSnapshot is not null)
        {
            beginSnapshot = Command(sql.BeginSnapshot);
            endSnapshot = Command(sql.EndSnapshot);
        }
    }

    /// <summary>How the provider types a parameter (the value's own type is used when it does not).</summary>
    protected abstract void Type(DbParameter parameter, DbType type);

    /// <summary>Run once per command, when it is made: compiling it once and keeping it, where that pays.</summary>
    protected abstract void Prepare(DbCommand command);

    protected abstract ValueTask<DbDataReader> ExecuteAsync(DbCommand command, CancellationToken ct);

    protected abstract ValueTask<bool> NextAsync(DbDataReader reader, CancellationToken ct);

    /// <summary>A stored instant, read back as UTC.</summary>
    protected abstract DateTime Stored(DbDataReader reader, int ordinal);

    /// <summary>
    /// With snapshot statements, the reads share one read transaction, so the contact's counters, its latest
    /// touches and the 7-day counts come from one snapshot even when the sync worker commits touches between them.
    /// </summary>
    public async Task<ContactLookupResult<TContact, TTouch>> ReadAsync<TContact, TTouch>(IContactLookupShape<TContact, TTouch> shape,
        string address, Func<int?, bool> visible, string? internetMessageId, DateTime now, FrequencyCapOptions cap, CancellationToken ct)
    {
        if (beginSnapshot is null || endSnapshot is null) return await ReadRowsAsync(shape, address, visible, internetMessageId, now, cap, ct);
        ct.ThrowIfCancellationRequested();
        beginSnapshot.ExecuteNonQuery();
        try
        {
            return await ReadRowsAsync(shape, address, visible, internetMessageId, now, cap, ct);
        }
        finally
        {
            // A snapshot left open on a kept connection would stop the WAL from ever being checkpointed.
            endSnapshot.ExecuteNonQuery();
        }
    }

    private async Task<ContactLookupResult<TContact, TTouch>> ReadRowsAsync<TContact, TTouch>(IContactLookupShape<TContact, TTouch> shape,
        string address, Func<int?, bool> visible, string? internetMessageId, DateTime now, FrequencyCapOptions cap, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        contact.Parameters[0].Value = address;
        LookupContact row;
        await using (var reader = await ExecuteAsync(contact, ct))
        {
            if (!await NextAsync(reader, ct)) return ContactLookupResult<TContact, TTouch>.None;
            row = ReadContact(reader);
        }
        // The address is unique, so visibility is checked on the one row found rather than joined into the query.
        if (!visible(row.OwnerId)) return new ContactLookupResult<TContact, TTouch>(null, row.Id);

        addresses.Parameters[0].Value = row.Id;
        var emails = new List<string>(2);
        var historyFetching = false;
        await using (var reader = await ExecuteAsync(addresses, ct))
        {
            while (await NextAsync(reader, ct))
            {
                emails.Add(reader.GetString(0));
                historyFetching |= reader.GetInt32(1) == 1;
            }
        }

        touches.Parameters[0].Value = row.Id;
        var recent = new List<TTouch>(LookupSql.LatestTouches);
        await using (var reader = await ExecuteAsync(touches, ct))
        {
            while (await NextAsync(reader, ct))
            {
                var touch = ReadTouch(reader);
                recent.Add(shape.Touch(in touch));
            }
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

        return new ContactLookupResult<TContact, TTouch>(new ContactLookupRows<TContact, TTouch>(
            shape.Contact(in row, emails),
            recent,
            week,
            outboundWeek,
            window.StatusFor(outboundInCapWindow),
            messageLogged,
            historyFetching), null);
    }

    private LookupContact ReadContact(DbDataReader r) => new()
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

    private LookupTouch ReadTouch(DbDataReader r) => new()
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

    private DateTime? Instant(DbDataReader r, int i) => r.IsDBNull(i) ? null : Stored(r, i);

    private DbCommand Command(string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            Type(parameter, type);
            command.Parameters.Add(parameter);
        }
        Prepare(command);
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
