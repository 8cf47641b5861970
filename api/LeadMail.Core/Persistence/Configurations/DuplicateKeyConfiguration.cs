using LeadMail.Core.Contacts;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Persistence.Configurations;

/// <summary>
/// The keys database-health groups contacts by to find possible duplicates, as indexed columns kept
/// with the contact's own columns, so each duplicate check scans one narrow index instead of every wide
/// contact row. The phone key, and the name key on SQL Server, are computed by the database: no write
/// path can forget them. SQLite's lower() folds ASCII letters only, so there the name key is set by
/// <see cref="Contact"/> as its name fields are (<see cref="Contact.NameKeyOf"/>).
/// </summary>
internal static class DuplicateKeyConfiguration
{
    /// <summary>SQLite: a virtual generated column, its values kept in the index.</summary>
    internal const string SqlitePhone =
        "NULLIF(replace(replace(replace(replace(replace(replace(\"Phone\", ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', ''), '')";

    internal const string SqlServerName =
        "CASE WHEN LTRIM(RTRIM(COALESCE([FirstName], N''))) <> N'' OR LTRIM(RTRIM(COALESCE([LastName], N''))) <> N'' " +
        "THEN LOWER(LTRIM(RTRIM(COALESCE([FirstName], N''))) + N' ' + LTRIM(RTRIM(COALESCE([LastName], N''))) + N' | ' + LTRIM(RTRIM(COALESCE([Company], N'')))) END";

    internal const string SqlServerPhone =
        "NULLIF(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE([Phone], N' ', N''), N'-', N''), N'(', N''), N')', N''), N'.', N''), N'/', N''), N'')";

    public static void Apply(ModelBuilder modelBuilder, bool sqlServer)
    {
        var contact = modelBuilder.Entity<Contact>();
        var nameKey = contact.Property(c => c.NameKey).HasMaxLength(404);
        if (sqlServer) nameKey.HasComputedColumnSql(SqlServerName, stored: true);
        contact.Property(c => c.PhoneKey).HasMaxLength(40).HasComputedColumnSql(sqlServer ? SqlServerPhone : SqlitePhone, stored: sqlServer);
        contact.HasIndex(c => c.NameKey);
        contact.HasIndex(c => c.PhoneKey);
    }
}
