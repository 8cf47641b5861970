using System.Net;
using System.Text.Json;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Interactions;

/// <summary>The channel table a touch form reads: what it offers is what logging accepts.</summary>
public sealed class TouchChannelTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task Any_rep_reads_every_channel_with_its_outcomes_and_default()
    {
        using var rep = api.ClientFor("channels.rep@contoso.com");
        var response = await rep.GetAsync("/api/touch-channels");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var byChannel = json.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!);

        Assert.Equal(["email", "meeting", "call", "voicemail", "letter", "visit", "note"], byChannel.Keys);
        var call = byChannel["call"];
        Assert.Equal(["connected", "leftMessage", "spokeToSomeoneElse", "noAnswer"], call.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()));
        Assert.True(call.GetProperty("outcomeRequired").GetBoolean());
        Assert.Equal("connected", call.GetProperty("defaultOutcome").GetString());
        Assert.Equal("leftMessage", byChannel["voicemail"].GetProperty("defaultOutcome").GetString());
        Assert.False(byChannel["voicemail"].GetProperty("outcomeRequired").GetBoolean());
        Assert.Equal(JsonValueKind.Null, byChannel["letter"].GetProperty("defaultOutcome").ValueKind);
        Assert.Empty(byChannel["note"].GetProperty("outcomes").EnumerateArray());
        Assert.True(byChannel["email"].GetProperty("directionRequired").GetBoolean());
        Assert.False(byChannel["visit"].GetProperty("directionRequired").GetBoolean());
    }

    [Fact]
    public async Task Every_outcome_the_table_offers_is_accepted_when_logged_and_others_are_refused()
    {
        using var rep = api.ClientFor("channels.log@contoso.com");
        var contact = await rep.CreateLeadAsync();
        using var json = JsonDocument.Parse(await rep.GetStringAsync("/api/touch-channels"));
        string[] all = ["connected", "leftMessage", "spokeToSomeoneElse", "noAnswer", "bounced", "held", "cancelled"];
        foreach (var row in json.RootElement.EnumerateArray().Where(c => !c.GetProperty("directionRequired").GetBoolean()))
        {
            var channel = row.GetProperty("channel").GetString()!;
            var offered = row.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()!).ToHashSet();
            foreach (var outcome in all)
            {
                var logged = await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions",
                    new { channel, outcome, notes = "from the table" }, idempotencyKey: $"{channel}-{outcome}");
                Assert.True(offered.Contains(outcome) ? logged.StatusCode == HttpStatusCode.Created : logged.StatusCode == HttpStatusCode.BadRequest,
                    $"{channel}/{outcome}: {(int)logged.StatusCode} {await logged.Content.ReadAsStringAsync()}");
            }
        }
    }
}
