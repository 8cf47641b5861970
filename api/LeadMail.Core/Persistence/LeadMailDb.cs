using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.Contacts.Merging;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Imports;
using LeadMail.Core.Interactions;
using LeadMail.Core.Pipeline;
using LeadMail.Core.Reps;
using LeadMail.Core.Scoring;
using LeadMail.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadMail.Core.Persistence;

/// <summary>
/// The lead database. Each provider has a derived context (<see cref="SqliteLeadMailDb"/>,
/// <see cref="SqlServerLeadMailDb"/>) only so that each keeps its own migrations.
/// </summary>
public abstract class LeadMailDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Rep> Reps => Set<Rep>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactEmail> ContactEmails => Set<ContactEmail>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<StageChange> StageChanges => Set<StageChange>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<AssignmentRule> AssignmentRules => Set<AssignmentRule>();
    public DbSet<RepGroup> RepGroups => Set<RepGroup>();
    public DbSet<RepGroupMember> RepGroupMembers => Set<RepGroupMember>();
    public DbSet<OwnerAssignment> OwnerAssignments => Set<OwnerAssignment>();
    public DbSet<HandOverRequest> HandOverRequests => Set<HandOverRequest>();
    public DbSet<Consent.ConsentChange> ConsentChanges => Set<Consent.ConsentChange>();
    public DbSet<MailboxSync> MailboxSyncs => Set<MailboxSync>();
    public DbSet<MailSubscription> MailSubscriptions => Set<MailSubscription>();
    public DbSet<TouchTally> TouchTallies => Set<TouchTally>();
    public DbSet<TouchRevision> TouchRevisions => Set<TouchRevision>();
    public DbSet<AppliedScoringRules> AppliedScoringRules => Set<AppliedScoringRules>();
    public DbSet<Import> Imports => Set<Import>();
    /// <summary>The stored rows of unfinished imports, a batch to a record.</summary>
    public DbSet<ImportRowBatch> ImportRows => Set<ImportRowBatch>();
    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();
    public DbSet<ContactMerge> ContactMerges => Set<ContactMerge>();
    public DbSet<HistoryFetch> HistoryFetches => Set<HistoryFetch>();

    /// <summary>The provider's stores on this context, made when first asked for (<see cref="DatabaseRegistration.StoresFor"/>).</summary>
    internal DatabaseStores Stores => stores ??= DatabaseRegistration.StoresFor(this);

    private DatabaseStores? stores;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LeadMailDb).Assembly);
        var sqlServer = Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer";
        Configurations.ReportFunctionConfiguration.Apply(modelBuilder, sqlServer);
        Configurations.DuplicateKeyConfiguration.Apply(modelBuilder, sqlServer);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC in the database; reading it back must say so, or JSON loses the 'Z'.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        // Enums as their names: readable in SQL and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    /// <summary>Writes <see cref="DateTime"/> as UTC and reads it back with <see cref="DateTimeKind.Utc"/>.</summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteLeadMailDb(DbContextOptions<SqliteLeadMailDb> options) : LeadMailDb(options);

public sealed class SqlServerLeadMailDb(DbContextOptions<SqlServerLeadMailDb> options) : LeadMailDb(options);
