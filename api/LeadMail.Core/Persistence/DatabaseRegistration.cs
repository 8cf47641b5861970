using LeadMail.Core.Assignment;
using LeadMail.Core.Consent;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence.Sqlite;
using LeadMail.Core.Persistence.SqlServer;
using LeadMail.Core.Pipeline;
using LeadMail.Core.Scoring;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LeadMail.Core.Persistence;

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "LeadMail";
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/leadmail.db";

    /// <summary>
    /// Registers <see cref="LeadMailDb"/> for the configured provider, the ingest path, and the
    /// start-up migration. Shared by the API and the sync worker so both open the same database.
    /// </summary>
    public static IServiceCollection AddLeadMailDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.Provider != DatabaseProvider.SqlServer || !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName)),
                $"Database:Provider is SqlServer but ConnectionStrings:{ConnectionStringName} is empty.")
            .ValidateOnStart();

        var provider = configuration.GetSection(DatabaseOptions.Section).GetValue<DatabaseProvider?>(nameof(DatabaseOptions.Provider)) ?? DatabaseProvider.Sqlite;
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        if (provider == DatabaseProvider.SqlServer)
        {
            services.AddDbContextPool<SqlServerLeadMailDb>(o => o.UseSqlServer(connectionString ?? "", sql => sql.EnableRetryOnFailure()));
            services.AddScoped<LeadMailDb>(sp => sp.GetRequiredService<SqlServerLeadMailDb>());
            services.AddSingleton(typeof(IContactLookup<,>), typeof(SqlServerContactLookup<,>));
            // Rows are locked, not the database: pages commit side by side.
            services.AddSingleton(new DatabaseWriters(OneAtATime: false));
        }
        else
        {
            var sqlite = SqliteConnectionString(connectionString, contentRoot);
            services.AddDbContextPool<SqliteLeadMailDb>(o => o.UseSqlite(sqlite));
            services.AddScoped<LeadMailDb>(sp => sp.GetRequiredService<SqliteLeadMailDb>());
            services.AddSingleton(typeof(IContactLookup<,>), typeof(SqliteContactLookup<,>));
            services.AddSingleton(new DatabaseWriters(OneAtATime: true));
        }

        services.AddScoped<TouchIngest>();
        services.AddScoped<LeadIntake>();
        services.AddScoped<LeadForgetting>();
        services.AddScoped<ContactEdits>();
        services.AddScoped<Contacts.Merging.LeadMerge>();
        services.AddLeadWorkflow(configuration);
        services.AddHostedService<DatabaseMigration>();
        return services;
    }

    /// <summary>
    /// The workflow every writer shares (cadence, cap, consent, scoring, routing), options validated at
    /// start so a bad setting fails loudly with its key named.
    /// </summary>
    private static IServiceCollection AddLeadWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FollowUpOptions>().Bind(configuration.GetSection(FollowUpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FrequencyCapOptions>().Bind(configuration.GetSection(FrequencyCapOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ScoringOptions>().Bind(configuration.GetSection(ScoringOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LeadScore>();
        services.AddScoped<TouchEffects>();
        services.AddScoped<FollowUpSchedule>();
        services.AddScoped<StageChanges>();
        services.AddScoped<LeadRouting>();
        services.AddScoped<LeadHandOvers>();
        services.AddScoped<ScoreDecay>();
        services.AddScoped<ScoreRebuild>();
        services.AddScoped<ScoringRulesCheck>();
        return services;
    }

    /// <summary>
    /// The stores the workflow reads and writes through, for the context's provider: the one place that
    /// says which provider's class serves which store, for contexts from DI and contexts built by hand alike.
    /// </summary>
    internal static DatabaseStores StoresFor(LeadMailDb db) => db switch
    {
        SqliteLeadMailDb => new(new SqliteTouchStore(db), new SqliteTallyStore(db), new SqliteContactHistory(db), new SqliteDerivedFieldWrites(db), new SqliteContactSearch(), new SqliteLeadStore(db)),
        SqlServerLeadMailDb => new(new SqlServerTouchStore(db), new SqlServerTallyStore(db), new SqlServerContactHistory(db), new SqlServerDerivedFieldWrites(db), new LikeContactSearch(), new SqlServerLeadStore(db)),
        _ => throw new NotSupportedException($"{db.GetType().Name} is not a provider's context."),
    };

    /// <summary>Resolves a relative SQLite path against the content root and makes sure its folder exists.</summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultSqliteConnectionString : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(builder.DataSource)) builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        // Writers (the API and the sync worker) wait for each other instead of failing with SQLITE_BUSY.
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}

/// <summary>A provider's stores, as <see cref="DatabaseRegistration.StoresFor"/> makes them for one context.</summary>
internal sealed record DatabaseStores(
    ITouchStore Touches, ITallyStore Tallies, IContactHistory History, IDerivedFieldWrites DerivedFields, IContactSearch Search, ILeadStore Leads);

/// <summary>Whether the database takes one writer at a time (SQLite), so a process's writers should take turns.</summary>
public sealed record DatabaseWriters(bool OneAtATime);

/// <summary>Creates or migrates the database before the host serves anything.</summary>
internal sealed class DatabaseMigration(IServiceProvider services, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStart) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the task pane's reads go on while the sync worker writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.ExecuteSqlRawAsync(Sqlite.SqlitePlannerStatistics.Refresh, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
