using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Interactions;

namespace LeadMail.Api.Tests.Contacts;

/// <summary>
/// The lookup reads its rows with its own statements (ContactLookupReader) while GET /api/contacts/{id}
/// and the interaction list go through EF Core and the AutoMapper profiles. A pane and a contact page
/// showing the same lead must agree, to the last JSON field, for every shape a contact and a touch take.
/// </summary>
public sealed class ContactLookupEquivalenceTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task The_lookup_shows_the_contact_and_its_touches_exactly_as_the_contact_and_interaction_endpoints_do()
    {
        using var owner = api.ClientFor("equal.owner@contoso.com", displayName: "Olga Owner");
        using var colleague = api.ClientFor("equal.colleague@contoso.com", displayName: "Carl Colleague");
        using var manager = api.ManagerClient("equal.manager@contoso.com");
        var ownerId = (await owner.MeAsync()).Id;
        var colleagueId = (await colleague.MeAsync()).Id;
        var now = api.Clock.UtcNow;

        var full = await owner.CreateContactAsync(new
        {
            firstName = "Grace",
            lastName = "Hopper",
            email = Unique.Email("grace"),
            emails = new[] { Unique.Email("grace.private", "outlook.example"), Unique.Email("grace.alias") },
            company = "Fabrikam Navy Systems",
            title = "Rear Admiral",
            phone = "+1 202 555 0100",
            mobilePhone = "+1 202 555 0199",
            street = "1 Compiler Way",
            city = "Arlington",
            postalCode = "22201",
            region = "VA",
            country = "us",
            background = "Met at the COBOL standards meeting; wants a demo.",
            source = "Conference",
            firstMetOn = "2026-03-14",
            interest = "Integrations",
            priority = "high",
            doNotCall = true,
            nextFollowUpDue = now.AddDays(-1),
            nextFollowUpNote = "Send the quote",
        });
        var companyOnly = await manager.CreateContactAsync(new { email = Unique.Email("info"), company = "Contoso Pharma", doNotEmail = true, unsubscribed = true });
        var addressOnly = await manager.CreateContactAsync(new { email = Unique.Email("anonymous") });
        var lastNameOnly = await owner.CreateContactAsync(new { lastName = "Lovelace", email = Unique.Email("lovelace") });

        Touch At(int contactId, int? repId, TimeSpan ago, Channel channel, Direction direction, Origin origin,
            Outcome? outcome = null, string? subject = null, string? notes = null) =>
            new(contactId, repId, channel, direction, now - ago, TouchKey.ForClient(Guid.NewGuid().ToString()), origin, outcome, subject, notes);
        await api.RecordTouchesAsync(
            // Sync touches from the colleague's mailbox: their subjects are hidden from the owner, not from the manager.
            new Touch(full.Id, colleagueId, Channel.Email, Direction.Outbound, now.AddHours(-1),
                TouchKey.ForMail($"<{Guid.NewGuid():N}@contoso.com>", Direction.Outbound), Origin.Sync, Subject: "Pricing, confidential"),
            new Touch(full.Id, ownerId, Channel.Email, Direction.Inbound, now.AddHours(-3),
                TouchKey.ForMail($"<{Guid.NewGuid():N}@fabrikam.example>", Direction.Inbound), Origin.Sync, Subject: "Re: demo"),
            // Calls to a do-not-call contact, each with the rep's reason.
            At(full.Id, ownerId, TimeSpan.FromDays(1), Channel.Call, Direction.Outbound, Origin.Addin, Outcome.Connected, notes: "Agreed a demo")
                with { ConsentOverrideReason = "She asked us to call back about the demo" },
            At(full.Id, ownerId, TimeSpan.FromDays(2), Channel.Call, Direction.Outbound, Origin.Api, Outcome.LeftMessage)
                with { ConsentOverrideReason = "Returning her call" },
            At(full.Id, null, TimeSpan.FromDays(3), Channel.Note, Direction.None, Origin.Import, notes: "Imported from the old CRM"),
            At(full.Id, ownerId, TimeSpan.FromDays(6.5), Channel.Meeting, Direction.None, Origin.Sync, Outcome.Held, subject: "Kick-off"),
            At(full.Id, ownerId, TimeSpan.FromDays(40), Channel.Letter, Direction.Outbound, Origin.Api),
            // Outbound email to a do-not-email contact, as the sync records it: flagged as a consent violation.
            new Touch(companyOnly.Id, colleagueId, Channel.Email, Direction.Outbound, now.AddHours(-5),
                TouchKey.ForMail($"<{Guid.NewGuid():N}@contoso.com>", Direction.Outbound), Origin.Sync, Subject: "Newsletter"));
        // Over the frequency cap (3 outbound in 7 days by default): the fourth is flagged.
        for (var day = 4; day >= 1; day--)
            await api.RecordTouchesAsync(At(addressOnly.Id, ownerId, TimeSpan.FromDays(day), Channel.Email, Direction.Outbound, Origin.Addin, subject: $"Chaser {day}"));
        // More than the lookup's 20, so its cut is compared with the list's first page.
        await api.RecordTouchesAsync(Enumerable.Range(1, 25)
            .Select(i => At(lastNameOnly.Id, ownerId, TimeSpan.FromHours(i), Channel.Call, Direction.Outbound, Origin.Addin, Outcome.NoAnswer)).ToArray());

        var compared = 0;
        foreach (var (viewer, contact) in new[]
                 {
                     (owner, full), (manager, full), (colleague, companyOnly), (manager, companyOnly),
                     (owner, addressOnly), (manager, addressOnly), (owner, lastNameOnly),
                 })
        {
            foreach (var address in (await manager.GetFromJsonAsync<JsonObject>($"/api/contacts/{contact.Id}"))!["emails"]!.AsArray())
            {
                var lookup = await GetJsonAsync(viewer, ApiCalls.LookupUrl(address!.GetValue<string>().ToUpperInvariant()));
                var single = await GetJsonAsync(viewer, $"/api/contacts/{contact.Id}");
                var touches = await GetJsonAsync(viewer, $"/api/contacts/{contact.Id}/interactions?limit=20");

                AssertSameJson(single, lookup["contact"]);
                AssertSameJson(touches["items"], lookup["interactions"]);
                AssertSameJson(single["frequencyCap"], lookup["frequencyCap"]);
                compared++;
            }
        }

        Assert.Equal(11, compared);
        var grace = (await owner.LookupAsync(full.Email!)).Interactions;
        Assert.Contains(grace, t => t.SubjectHidden);
        Assert.Contains((await manager.LookupAsync(companyOnly.Email!)).Interactions, t => t.ConsentViolation is not null);
        Assert.Contains((await owner.LookupAsync(addressOnly.Email!)).Interactions, t => t.OverFrequencyCap);
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonNode>(url))!;

    private static void AssertSameJson(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\n  actual {actual?.ToJsonString()}");
}
