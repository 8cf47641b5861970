using LeadMail.Core.Interactions;

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
    public void A_bad_setting_stops_the_host_at_start_naming_the_key(string key, string value, string named)
    {
        using var host = new WorkflowHost(new Dictionary<string, string> { [key] = value });
        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains(named, failure.ToString());
    }
}
