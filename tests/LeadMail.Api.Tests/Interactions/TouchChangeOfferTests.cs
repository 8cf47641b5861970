using System.Net;
using LeadMail.Api.Interactions;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Interactions;

namespace LeadMail.Api.Tests.Interactions;

/// <summary>
/// Each touch says whether the caller may correct or remove it, so the pane offers exactly what the API
/// accepts: the lookup's and the list's canChange agree with what PATCH answers, caller by caller.
/// </summary>
public sealed class TouchChangeOfferTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task CanChange_is_true_exactly_for_the_touches_the_caller_may_correct()
    {
        using var alice = api.ClientFor(Unique.Email("alice", "contoso.com"));
        using var bob = api.ClientFor(Unique.Email("bob", "contoso.com"));
        using var manager = api.ManagerClient();
        var aliceId = (await alice.MeAsync()).Id;
        // Unassigned: every rep sees it. Do-not-call: Alice's call is the record of an override.
        var lead = await manager.CreateContactAsync(new { firstName = "Queued", email = Unique.Email(), doNotCall = true });

        var names = new Dictionary<long, string>();
        async Task Log(HttpClient client, object touch, string name) =>
            names[(await (await client.PostJsonAsync($"/api/contacts/{lead.Id}/interactions", touch)).ReadAsync<InteractionDto>(HttpStatusCode.Created)).Id] = name;
        await Log(alice, new { channel = "note", notes = "Alice's note", origin = "addin" }, "alice's note");
        await Log(alice, new { channel = "call", outcome = "noAnswer", consentOverrideReason = "They asked us to call back" }, "alice's override");
        await Log(alice, new { channel = "note", notes = "From the old CRM", origin = "import", occurredAt = api.Clock.UtcNow.AddDays(-3) }, "alice's import");
        await Log(bob, new { channel = "note", notes = "Bob's note" }, "bob's note");
        var synced = await api.RecordTouchesAsync(new Touch(lead.Id, aliceId, Channel.Email, Direction.Inbound, api.Clock.UtcNow.AddHours(-1),
            TouchKey.ForMail($"<{Guid.NewGuid():N}@example.com>", Direction.Inbound), Origin.Sync, Subject: "Re: hello"));
        names[synced.Single().Interaction.Id] = "synced email";

        var expected = new Dictionary<string, string[]>
        {
            ["alice"] = ["alice's note"],
            ["bob"] = ["bob's note"],
            ["manager"] = ["alice's note", "alice's override", "alice's import", "bob's note"],
        };
        foreach (var (who, client) in new[] { ("alice", alice), ("bob", bob), ("manager", manager) })
        {
            var lookup = await client.LookupAsync(lead.Email!);
            var listed = (await client.ListInteractionsAsync(lead.Id)).Items;
            Assert.Equal(names.Count, lookup.Interactions.Count);
            Assert.Equal(expected[who].Order(), lookup.Interactions.Where(t => t.CanChange).Select(t => names[t.Id]).Order());
            Assert.Equal(expected[who].Order(), listed.Where(t => t.CanChange).Select(t => names[t.Id]).Order());

            // An empty merge patch changes nothing, but passes or fails the same check as any correction.
            foreach (var touch in lookup.Interactions)
            {
                var status = (await client.PatchJsonAsync($"/api/contacts/{lead.Id}/interactions/{touch.Id}", new { })).StatusCode;
                Assert.True(touch.CanChange == (status == HttpStatusCode.OK), $"{who} on {names[touch.Id]}: canChange {touch.CanChange} but PATCH answered {(int)status}");
            }
        }
    }

    [Fact]
    public async Task The_lookup_always_carries_the_cap_it_counts_against()
    {
        using var rep = api.ClientFor(Unique.Email("cap", "contoso.com"));
        var lead = await rep.CreateLeadAsync();

        var lookup = await rep.LookupAsync(lead.Email!);

        Assert.NotNull(lookup.FrequencyCap);
        Assert.Equal((0, 3, 7, false), (lookup.FrequencyCap.OutboundTouchesInWindow, lookup.FrequencyCap.Cap, lookup.FrequencyCap.WindowDays, lookup.FrequencyCap.Reached));
    }
}
