using System.Globalization;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Imports;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Imports;

/// <summary>
/// The test host with small import batches (so a few rows span several transactions), optionally on a SQLite file
/// shared with another host (a restart), a file cap, and an observer of committed batches.
/// </summary>
public class ImportApiFactory : LeadMailApiFactory
{
    public int BatchSize { get; init; } = 2;
    public string? SharedDatabasePath { get; init; }
    public long? MaxFileBytes { get; init; }
    public IImportBatchObserver? Observer { get; init; }

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Imports:BatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture);
        if (SharedDatabasePath is not null) settings["ConnectionStrings:LeadMail"] = $"Data Source={SharedDatabasePath}";
        if (MaxFileBytes is { } max) settings["Imports:MaxFileBytes"] = max.ToString(CultureInfo.InvariantCulture);
        return settings;
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        if (Observer is not null) services.AddSingleton(Observer);
    }
}
