using Microsoft.Data.Sqlite;

namespace LeadMail.Benchmarks.Lookup;

/// <summary>One lookup as the task pane makes it: an address of the open email, by a rep or a manager.</summary>
public sealed record LookupRequest(string Address, bool AsManager);

/// <summary>
/// Who looks up what: a rep (the first active one) and a manager from the dataset, and a seeded
/// stream of known addresses each may see: the rep's own and unassigned leads, the manager's any.
/// </summary>
public sealed class LookupRequests
{
    public required int RepId { get; init; }
    public required string RepEmail { get; init; }
    public required int ManagerId { get; init; }
    public required string ManagerEmail { get; init; }
    public required IReadOnlyList<string> RepVisible { get; init; }

    /// <summary>Addresses of other reps' leads: the rep's lookup must answer their restricted view, with no touches.</summary>
    public required IReadOnlyList<string> RepInvisible { get; init; }
    public required IReadOnlyList<string> All { get; init; }

    public static LookupRequests Load(string databasePath)
    {
        using var connection = new SqliteConnection(Dataset.LeadDataset.ConnectionString(databasePath, readOnly: true));
        connection.Open();
        var (repId, repEmail) = FirstActive(connection, "Rep");
        var (managerId, managerEmail) = FirstActive(connection, "Manager");

        var all = new List<string>();
        var repVisible = new List<string>();
        var repInvisible = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT e.Address, c.OwnerId FROM ContactEmails e JOIN Contacts c ON c.Id = e.ContactId ORDER BY e.Id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var address = reader.GetString(0);
            all.Add(address);
            (reader.IsDBNull(1) || reader.GetInt32(1) == repId ? repVisible : repInvisible).Add(address);
        }
        return new LookupRequests
        {
            RepId = repId, RepEmail = repEmail, ManagerId = managerId, ManagerEmail = managerEmail, RepVisible = repVisible, RepInvisible = repInvisible, All = all,
        };
    }

    /// <summary>
    /// Half by the rep, half by the manager; a quarter of the addresses as a mail client shows them
    /// (capitalised), since the lookup is case-insensitive.
    /// </summary>
    public LookupRequest[] Draw(int count, int seed)
    {
        var random = new Random(seed);
        var requests = new LookupRequest[count];
        for (var i = 0; i < count; i++)
        {
            var asManager = random.NextDouble() < 0.5;
            var pool = asManager ? All : RepVisible;
            var address = pool[random.Next(pool.Count)];
            if (random.NextDouble() < 0.25) address = char.ToUpperInvariant(address[0]) + address[1..];
            requests[i] = new LookupRequest(address, asManager);
        }
        return requests;
    }

    private static (int Id, string Email) FirstActive(SqliteConnection connection, string role)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, Email FROM Reps WHERE Role = $role AND Active = 1 ORDER BY Id LIMIT 1";
        command.Parameters.AddWithValue("$role", role);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new InvalidOperationException($"The dataset has no active {role}.");
        return (reader.GetInt32(0), reader.GetString(1));
    }
}
