using LeadMail.Core.Contacts;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

/// <summary>
/// The keys database-health groups contacts by to find possible duplicates, as columns the database
/// computes from the contact's own columns: no write path can forget them, and their indexes make each
/// duplicate check a scan of one narrow index instead of every wide contact row. The expressions are
/// the ones the report used to evaluate per row (trim = spaces only, lower-case as the database
/// folds it), so the groups are the same.
/// </summary>
public static class DuplicateKeys
{
    /// <summary>SQLite: virtual generated columns (an added column cannot be stored), their values kept in the indexes.</summary>
    private const string SqliteName =
        "CASE WHEN trim(COALESCE(\"FirstName\", '')) <> '' OR trim(COALESCE(\"LastName\", '')) <> '' " +
        "THEN lower(trim(COALESCE(\"FirstName\", '')) || ' ' || trim(COALESCE(\"LastName\", '')) || ' | ' || trim(COALESCE(\"Company\", ''))) END";

    private const string SqlitePhone =
        "NULLIF(replace(replace(replace(replace(replace(replace(\"Phone\", ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', ''), '')";

    private const string SqlServerName =
        "CASE WHEN LTRIM(RTRIM(COALESCE([FirstName], N''))) <> N'' OR LTRIM(RTRIM(COALESCE([LastName], N''))) <> N'' " +
        "THEN LOWER(LTRIM(RTRIM(COALESCE([FirstName], N''))) + N' ' + LTRIM(RTRIM(COALESCE([LastName], N''))) + N' | ' + LTRIM(RTRIM(COALESCE([Company], N'')))) END";

    private const string SqlServerPhone =
        "NULLIF(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE([Phone], N' ', N''), N'-', N''), N'(', N''), N')', N''), N'.', N''), N'/', N'')";

    internal static void Register(ModelBuilder modelBuilder, string? providerName)
    {
        var sqlServer = providerName == "Microsoft.EntityFrameworkCore.SqlServer";
        var contact = modelBuilder.Entity<Contact>();
        contact.Property(c => c.NameKey).HasMaxLength(404).HasComputedColumnSql(sqlServer ? SqlServerName : SqliteName, stored: sqlServer);
        contact.Property(c => c.PhoneKey).HasMaxLength(40).HasComputedColumnSql(sqlServer ? SqlServerPhone : SqlitePhone, stored: sqlServer);
        contact.HasIndex(c => c.NameKey);
        contact.HasIndex(c => c.PhoneKey);
    }
}
