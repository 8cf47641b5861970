namespace LeadMail.Core.Persistence;

/// <summary>Configuration section <c>Database</c>; the connection string is <c>ConnectionStrings:LeadMail</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (the embedded default: a file, no set-up) or <c>SqlServer</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the host starts (SQLite is created on first start this way).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
