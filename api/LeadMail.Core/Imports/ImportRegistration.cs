using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Core.Imports;

public static class ImportRegistration
{
    /// <summary>The import services and the background run; options validated at start.</summary>
    public static IServiceCollection AddLeadMailImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportQueue>();
        services.AddScoped<ImportDryRun>();
        services.AddScoped<ImportSubmission>();
        services.AddScoped<ImportRunner>();
        services.AddHostedService<ImportWorker>();
        return services;
    }
}
