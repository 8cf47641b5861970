using LeadMail.Core.Hosting;
using LeadMail.Core.Persistence;
using LeadMail.Core.Scoring;
using LeadMail.SyncWorker.Graph;
using LeadMail.SyncWorker.Sync;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Hosting;

/// <summary>Builds the worker's host: the shared database, Graph, and the sync stages as scoped services.</summary>
public static class WorkerHost
{
    /// <param name="continuous">Register the background loop; false for one-off rounds (<c>--once</c>, the demo).</param>
    /// <param name="overrides">Configuration that wins over files and environment (the demo's stand-in Graph, say).</param>
    public static HostApplicationBuilder CreateBuilder(string[] args, bool continuous, IDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            EnvironmentName = LocalRun.DefaultEnvironment(args),
        });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddSyncWorker(builder.Configuration, builder.Environment.ContentRootPath, continuous);
        return builder;
    }

    public static IServiceCollection AddSyncWorker(this IServiceCollection services, IConfiguration configuration, string contentRoot, bool continuous)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddLeadMailDatabase(configuration, contentRoot);
        // Touches are scored with the rules the API applied to the stored scores, not this process's own.
        services.AddSingleton<FollowedScoringRules>();
        services.AddSingleton<IOptions<ScoringOptions>>(sp => sp.GetRequiredService<FollowedScoringRules>());
        services.AddGraph(configuration);
        services.AddOptions<SyncOptions>()
            .Bind(configuration.GetSection(SyncOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SyncOptions>, SyncOptionsValidation>();

        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<SyncRound>();
        services.AddSingleton<WriterTurns>();
        services.AddScoped<MailboxLeases>();
        services.AddScoped<DeltaPageReader>();
        services.AddScoped<ParticipantMatcher>();
        services.AddSingleton<MessageClassifier>();
        // One kind per stream; a stream with no kind registered fails when claimed.
        services.AddScoped<IStreamKind>(sp => ActivatorUtilities.CreateInstance<MailFolderStream>(sp, MailFolder.Inbox));
        services.AddScoped<IStreamKind>(sp => ActivatorUtilities.CreateInstance<MailFolderStream>(sp, MailFolder.SentItems));
        services.AddScoped<IStreamKind>(sp => ActivatorUtilities.CreateInstance<MailFolderStream>(sp, MailFolder.Other));
        services.AddScoped<CalendarStream>();
        services.AddScoped<IStreamKind>(sp => sp.GetRequiredService<CalendarStream>());
        services.AddScoped<IStreamKind, HistoryStream>();
        services.AddScoped<HistoryRequests>();
        services.AddScoped<IStreamKind, FolderListStream>();
        services.AddScoped<FolderStreams>();
        services.AddScoped<StreamKinds>();
        services.AddScoped<StreamCheckpoint>();
        services.AddScoped<TouchWriter>();
        services.AddScoped<MeetingOutcomes>();
        services.AddScoped<StreamHealth>();
        services.AddScoped<StreamSync>();
        services.AddScoped<Notifications.GraphSubscriptions>();
        services.AddScoped<Notifications.SubscriptionUpkeep>();
        if (continuous) services.AddHostedService<SyncService>();
        return services;
    }

    /// <summary>Starts the host (migrations, option validation), runs one round, stops: 0 when every stream succeeded.</summary>
    public static async Task<int> RunOnceAsync(IHost host)
    {
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await host.StartAsync(lifetime.ApplicationStopping);
        var report = await host.Services.GetRequiredService<SyncRound>().RunAsync(once: true, lifetime.ApplicationStopping);
        await host.StopAsync();
        return report.AllSucceeded ? 0 : 1;
    }
}

internal sealed class SyncOptionsValidation : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
