using Microsoft.Data.Sqlite;

namespace LeadMail.Benchmarks.Dataset;

/// <summary><c>dataset [--seed N] [--anchor yyyy-MM-dd] [--contacts N] [--interactions N]</c>: builds or finds the cached file and prints what it holds.</summary>
public static class DatasetCommand
{
    public static DatasetOptions OptionsFrom(BenchArgs args)
    {
        var options = DatasetOptions.Standard(TimeProvider.System);
        return options with
        {
            Seed = args.Int("--seed", options.Seed, min: 0),
            Anchor = args.Date("--anchor") ?? options.Anchor,
            Contacts = args.Int("--contacts", options.Contacts),
            Interactions = args.Int("--interactions", options.Interactions, min: 0),
        };
    }

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var dataset = await LeadDataset.EnsureAsync(OptionsFrom(args), Workspace.Bench, Console.Out, ct);
        Console.WriteLine(dataset.WasCached ? $"cached: {dataset.Path}" : $"generated in {dataset.GenerationTime.TotalSeconds:F1} s: {dataset.Path}");
        await using var connection = new SqliteConnection(LeadDataset.ConnectionString(dataset.Path, readOnly: true));
        await connection.OpenAsync(ct);
        foreach (var (label, sql) in Summary)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Console.WriteLine($"  {label,-34} {await command.ExecuteScalarAsync(ct)}");
        }
        return 0;
    }

    private static readonly (string Label, string Sql)[] Summary =
    [
        ("reps", "SELECT COUNT(*) FROM Reps"),
        ("contacts", "SELECT COUNT(*) FROM Contacts"),
        ("unassigned contacts", "SELECT COUNT(*) FROM Contacts WHERE OwnerId IS NULL"),
        ("email addresses", "SELECT COUNT(*) FROM ContactEmails"),
        ("touches", "SELECT COUNT(*) FROM Interactions"),
        ("touches (sum of counters)", "SELECT SUM(TouchesTotal) FROM Contacts"),
        ("connected contacts", "SELECT COUNT(*) FROM Contacts WHERE FirstConnectAt IS NOT NULL"),
        ("avg touches before connect", "SELECT ROUND(AVG(TouchesBeforeConnect), 2) FROM Contacts WHERE TouchesBeforeConnect IS NOT NULL"),
        ("most touches on one contact", "SELECT MAX(TouchesTotal) FROM Contacts"),
        ("first touch", "SELECT MIN(OccurredAt) FROM Interactions"),
        ("last touch", "SELECT MAX(OccurredAt) FROM Interactions"),
    ];
}
