using LeadMail.Core.Contacts;
using Microsoft.Data.Sqlite;

namespace LeadMail.Benchmarks.Lookup;

/// <summary>What a raw lookup found, to check the endpoint reads the same rows.</summary>
public sealed record RawLookupResult(int ContactId, IReadOnlyList<long> InteractionIds, int TouchesLast7Days, int OutboundTouchesLast7Days);

/// <summary>
/// The floor: the rows the endpoint reads (the visible contact by address with its owner's name and
/// addresses, its last 20 touches with their reps' names, the 7-day counts) through prepared
/// Microsoft.Data.Sqlite statements on one open connection, every column read, nothing else.
/// </summary>
public sealed class RawLookup : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteCommand contact;
    private readonly SqliteCommand emails;
    private readonly SqliteCommand touches;
    private readonly SqliteCommand week;
    private readonly object[] row = new object[40];

    public RawLookup(string databasePath)
    {
        connection = new SqliteConnection(Dataset.LeadDataset.ConnectionString(databasePath, readOnly: true));
        connection.Open();
        contact = Prepare("""
            SELECT c.Id, c.FirstName, c.LastName, c.Company, c.Title, c.Phone, c.MobilePhone, c.Street, c.City, c.PostalCode,
                   c.Region, c.Country, c.Background, c.Source, c.FirstMetOn, c.Interest, c.Stage, c.Priority, c.Score, c.OwnerId,
                   o.DisplayName, c.DoNotCall, c.DoNotEmail, c.Unsubscribed, c.NextFollowUpDue, c.NextFollowUpNote, c.LastTouchAt,
                   c.LastInboundAt, c.TouchesTotal, c.OutboundSinceConnect, c.FirstConnectAt, c.TouchesBeforeConnect,
                   c.CreatedAt, c.UpdatedAt, c.Version
            FROM ContactEmails e
            JOIN Contacts c ON c.Id = e.ContactId
            LEFT JOIN Reps o ON o.Id = c.OwnerId
            WHERE e.Address = $address AND ($manager OR c.OwnerId = $rep OR c.OwnerId IS NULL)
            """, "$address", "$manager", "$rep");
        emails = Prepare("SELECT Address FROM ContactEmails WHERE ContactId = $id ORDER BY IsPrimary DESC, Id", "$id");
        touches = Prepare("""
            SELECT i.Id, i.ContactId, i.RepId, r.DisplayName, i.Channel, i.Direction, i.OccurredAt, i.Subject, i.Notes,
                   i.Outcome, i.Origin, i.IsConnect, i.RecordedAt
            FROM Interactions i
            LEFT JOIN Reps r ON r.Id = i.RepId
            WHERE i.ContactId = $id
            ORDER BY i.OccurredAt DESC, i.Id DESC
            LIMIT 20
            """, "$id");
        week = Prepare("""
            SELECT COUNT(*), COALESCE(SUM(Direction = 'Outbound'), 0)
            FROM Interactions
            WHERE ContactId = $id AND OccurredAt >= $since
            """, "$id", "$since");
    }

    public RawLookupResult? Find(string address, bool asManager, int repId, DateTime now)
    {
        contact.Parameters[0].Value = EmailAddress.Normalize(address);
        contact.Parameters[1].Value = asManager;
        contact.Parameters[2].Value = repId;
        int id;
        using (var reader = contact.ExecuteReader())
        {
            if (!reader.Read()) return null;
            reader.GetValues(row);
            id = reader.GetInt32(0);
        }

        emails.Parameters[0].Value = id;
        using (var reader = emails.ExecuteReader())
        {
            while (reader.Read()) reader.GetValues(row);
        }

        var ids = new List<long>(20);
        touches.Parameters[0].Value = id;
        using (var reader = touches.ExecuteReader())
        {
            while (reader.Read())
            {
                reader.GetValues(row);
                ids.Add(reader.GetInt64(0));
            }
        }

        week.Parameters[0].Value = id;
        week.Parameters[1].Value = now.AddDays(-7);
        using (var reader = week.ExecuteReader())
        {
            reader.Read();
            return new RawLookupResult(id, ids, reader.GetInt32(0), reader.GetInt32(1));
        }
    }

    public void Dispose()
    {
        contact.Dispose();
        emails.Dispose();
        touches.Dispose();
        week.Dispose();
        connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }
}
