using LeadMail.SyncWorker.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LeadMail.SyncWorker.Tests;

/// <summary>A bad configuration stops the worker at start, naming each key.</summary>
public sealed class OptionsTests : IAsyncLifetime
{
    private readonly SyncTestBed bed = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Real_graph_without_credentials_names_the_missing_keys()
    {
        using var host = bed.BuildHost(settings: new Dictionary<string, string?> { ["Graph:BaseUrl"] = "https://graph.microsoft.com/v1.0" });

        var invalid = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var message = string.Join("\n", invalid.Failures);
        Assert.Contains("Graph:TenantId", message);
        Assert.Contains("Graph:ClientId", message);
        Assert.Contains("Graph:ClientSecret or Graph:CertificatePath", message);
    }

    [Fact]
    public async Task Plain_http_to_a_remote_host_and_out_of_range_sync_values_are_refused()
    {
        using var host = bed.BuildHost(settings: new Dictionary<string, string?>
        {
            ["Graph:BaseUrl"] = "http://graph.example.com/v1.0",
            ["Graph:TenantId"] = "contoso",
            ["Graph:ClientId"] = "app",
            ["Graph:ClientSecret"] = "secret",
            ["Sync:PageSize"] = "5000",
            ["Sync:ItemsPerCommit"] = "0",
            ["Sync:CompanyDomains:0"] = "not a domain",
        });

        // Two sections fail, so the host reports both together.
        var invalid = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());

        var message = string.Join("\n", invalid.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        Assert.Contains("Graph:BaseUrl must use https", message);
        Assert.Contains("Sync:PageSize", message);
        Assert.Contains("Sync:ItemsPerCommit", message);
        Assert.Contains("Sync:CompanyDomains", message);
    }

    [Fact]
    public async Task Folder_and_calendar_window_options_are_validated_at_start()
    {
        using var host = bed.BuildHost(settings: new Dictionary<string, string?>
        {
            ["Sync:SkippedFolders:0"] = "Inbox",
            ["Sync:SkippedFolders:1"] = " ",
            ["Sync:MaxStreamsPerMailbox"] = "5",
            ["Sync:CalendarRollDays"] = "0",
        });

        var invalid = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var message = string.Join("\n", invalid.Failures);
        Assert.Contains("Sync:SkippedFolders has 'Inbox'", message);
        Assert.Contains("Sync:SkippedFolders has an empty entry", message);
        Assert.Contains("Sync:MaxStreamsPerMailbox", message);
        Assert.Contains("Sync:CalendarRollDays", message);
    }
}
