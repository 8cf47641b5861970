namespace LeadMail.Core.Persistence.Sqlite;

/// <summary>
/// SQLite's query planner statistics (sqlite_stat1). Without them the planner guesses, and for a team-wide count it
/// can pick the narrowest owner index and read every contact row instead of the covering one (ten times slower).
/// Refreshed when the database is opened on start, as SQLite recommends for long-lived connections; a sample of
/// rows per index keeps it to milliseconds on a large file.
/// </summary>
public static class SqlitePlannerStatistics
{
    public const string Refresh = "PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;";
}
