using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadMail.Workflow.Tests;

/// <summary>Each test starts its own host: these change the configuration.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task A_configured_cadence_and_attempt_limit_replace_the_defaults()
    {
        using var host = new WorkflowHost(new Dictionary<string, string>
        {
            ["FollowUps:CadenceDays:0"] = "1",
            ["FollowUps:CadenceDays:1"] = "3",
            ["FollowUps:MaxAttempts"] = "3",
        });
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var at = host.Clock.UtcNow;

        var dues = new List<DateTime?>();
        for (var i = 0; i < 3; i++)
        {
            await host.IngestAsync(new Touch(contact.Id, repId, Channel.Call, Direction.Outbound, at.AddDays(i * 10), $"call:{Guid.NewGuid()}", Origin.Api, Outcome.NoAnswer));
            dues.Add((await host.GetContactAsync(rep, contact.Id)).NextFollowUpDue);
        }

        Assert.Equal([at.AddDays(1), at.AddDays(10 + 3), null], dues);
    }

    [Theory]
    [InlineData("FollowUps:CadenceDays:0", "0", "FollowUps:CadenceDays")]
    [InlineData("FrequencyCap:MaxOutboundTouches", "0", "MaxOutboundTouches")]
    [InlineData("Scoring:MediumThreshold", "100", "Scoring:MediumThreshold")]
    [InlineData("Scoring:HalfLifeDays", "0", "HalfLifeDays")]
    public async Task A_bad_setting_stops_the_host_at_start_naming_the_key(string key, string value, string named)
    {
        // The workflow's options as the API and the sync worker both register them (AddLeadMailDatabase), on a plain
        // host: when the API's host fails to start, WebApplicationFactory can race its own disposal and report an
        // ObjectDisposedException instead of the reason (seen once in CI; dotnet/aspnetcore#33494).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:LeadMail"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"leadmail-config-{Guid.NewGuid():N}.db")}",
            ["Database:MigrateOnStart"] = "false",
            [key] = value,
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLeadMailDatabase(builder.Configuration, Path.GetTempPath());
        using var host = builder.Build();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(named, failure.ToString());
    }
}
