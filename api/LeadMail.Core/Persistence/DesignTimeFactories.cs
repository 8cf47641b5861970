using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LeadMail.Core.Persistence;

// Used by `dotnet ef` only: each provider's migrations are generated against its own context type.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLeadMailDb>
{
    public SqliteLeadMailDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLeadMailDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerLeadMailDb>
{
    public SqlServerLeadMailDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerLeadMailDb>().UseSqlServer("Server=(design-time);Database=LeadMail").Options);
}
