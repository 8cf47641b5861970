using System.Net;
using System.Net.Http.Json;
using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;
using LeadMail.Api.Lookup;
using LeadMail.Api.Web;
using LeadMail.Core.Consent;
using LeadMail.Core.Interactions;

namespace LeadMail.Workflow.Tests;

public sealed class CapAndConsentTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    [Fact]
    public async Task The_cap_counts_outbound_touches_in_the_last_seven_days_across_the_window_boundary()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var email = WorkflowHost.NewEmail();
        var contact = await host.CreateContactAsync(rep, new { email });
        var now = host.Clock.UtcNow;
        await host.IngestAsync(
            Outbound(contact.Id, repId, now.AddDays(-7)),
            Outbound(contact.Id, repId, now.AddDays(-7).AddMinutes(1)),
            Outbound(contact.Id, repId, now.AddDays(-3)),
            new Touch(contact.Id, repId, Channel.Email, Direction.Inbound, now.AddDays(-1), $"mail:in:{Guid.NewGuid()}", Origin.Sync));

        var lookup = await LookupAsync(rep, email);
        Assert.Equal(new FrequencyCapDto(2, 3, 7, now.AddDays(-7), Reached: false), lookup.FrequencyCap);

        await host.IngestAsync(Outbound(contact.Id, repId, now.AddHours(-1)));
        Assert.Equal((3, true), (await LookupAsync(rep, email)).FrequencyCap is { } c ? (c.OutboundTouchesInWindow, c.Reached) : default);
        Assert.Equal((3, true), (await host.GetContactAsync(rep, contact.Id)).FrequencyCap is { } g ? (g.OutboundTouchesInWindow, g.Reached) : default);

        // Two minutes on, the touch from just inside the window has left it.
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal((2, false), (await LookupAsync(rep, email)).FrequencyCap is { } d ? (d.OutboundTouchesInWindow, d.Reached) : default);
    }

    [Fact]
    public async Task The_contact_list_shows_each_contacts_standing_against_the_cap()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var chased = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), source = "cap-list" });
        var quiet = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), source = "cap-list" });
        var now = host.Clock.UtcNow;
        await host.IngestAsync(
            Outbound(chased.Id, repId, now.AddDays(-8)),
            Outbound(chased.Id, repId, now.AddDays(-5)),
            Outbound(chased.Id, repId, now.AddDays(-2)),
            Outbound(chased.Id, repId, now.AddHours(-1)),
            new Touch(quiet.Id, repId, Channel.Email, Direction.Inbound, now.AddDays(-1), $"mail:in:{Guid.NewGuid()}", Origin.Sync));

        var page = await rep.GetFromJsonAsync<Page<ContactDto>>("/api/contacts?source=cap-list&owner=me", ApiJson.Options);

        var caps = page!.Items.ToDictionary(c => c.Id, c => c.FrequencyCap);
        Assert.Equal(new FrequencyCapDto(3, 3, 7, now.AddDays(-7), Reached: true), caps[chased.Id]);
        Assert.Equal(new FrequencyCapDto(0, 3, 7, now.AddDays(-7), Reached: false), caps[quiet.Id]);
        Assert.Equal(caps[chased.Id], (await host.GetContactAsync(rep, chased.Id)).FrequencyCap);
    }

    [Fact]
    public async Task A_touch_beyond_the_cap_is_recorded_and_flagged()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail() });
        var now = host.Clock.UtcNow;
        var recorded = await host.IngestAsync(
            Outbound(contact.Id, repId, now.AddDays(-6)),
            Outbound(contact.Id, repId, now.AddDays(-5)),
            Outbound(contact.Id, repId, now.AddDays(-4)),
            Outbound(contact.Id, repId, now.AddDays(-3)),
            Outbound(contact.Id, repId, now.AddDays(4)));

        var page = await rep.GetFromJsonAsync<Page<InteractionDto>>($"/api/contacts/{contact.Id}/interactions", ApiJson.Options);
        var flagged = page!.Items.OrderBy(i => i.OccurredAt).Select(i => i.OverFrequencyCap).ToList();
        // The fourth within seven days is over the cap; the fifth, ten days after the first, has two others in its window.
        Assert.Equal([false, false, false, true, false], flagged);
        Assert.Equal(5, recorded.Count);
    }

    public static TheoryData<string, object, string> Refused => new()
    {
        { "doNotCall", new { channel = "call", outcome = "noAnswer" }, "doNotCall" },
        { "doNotCall", new { channel = "voicemail" }, "doNotCall" },
        { "doNotEmail", new { channel = "email", direction = "outbound" }, "doNotEmail" },
        { "unsubscribed", new { channel = "visit" }, "unsubscribed" },
        { "unsubscribed", new { channel = "email", direction = "outbound" }, "unsubscribed" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_manual_touch_on_a_blocked_channel_is_refused_naming_the_flag_unless_overridden(string flagField, object touch, string flag)
    {
        var (rep, _) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new Dictionary<string, object> { ["email"] = WorkflowHost.NewEmail(), [flagField] = true });

        var refused = await rep.PostAsJsonAsync($"/api/contacts/{contact.Id}/interactions", touch, ApiJson.Options);
        var problem = await Expect.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(flag, problem.GetProperty("flag").GetString());
        Assert.Equal(0, (await host.GetContactAsync(rep, contact.Id)).TouchesTotal);

        var overridden = System.Text.Json.JsonSerializer.SerializeToNode(touch, ApiJson.Options)!.AsObject();
        overridden["consentOverrideReason"] = "They asked me to call back about the contract";
        var logged = await Expect.JsonAsync<InteractionDto>(await rep.PostAsJsonAsync($"/api/contacts/{contact.Id}/interactions", overridden, ApiJson.Options), HttpStatusCode.Created);
        Assert.Equal(ApiJson.Name(logged.ConsentViolation!.Value), flag);
        Assert.Equal("They asked me to call back about the contract", logged.ConsentOverrideReason);
    }

    public static TheoryData<string, object> Allowed => new()
    {
        { "doNotCall", new { channel = "email", direction = "outbound" } },
        { "doNotEmail", new { channel = "email", direction = "inbound" } },
        { "doNotEmail", new { channel = "call", outcome = "connected" } },
        { "unsubscribed", new { channel = "letter" } },
        { "unsubscribed", new { channel = "note", notes = "asked to be left alone" } },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task Touches_the_flags_do_not_cover_are_logged_without_a_violation(string flagField, object touch)
    {
        var (rep, _) = await host.RepAsync("rep");
        var contact = await host.CreateContactAsync(rep, new Dictionary<string, object> { ["email"] = WorkflowHost.NewEmail(), [flagField] = true });

        var logged = await Expect.JsonAsync<InteractionDto>(await rep.PostAsJsonAsync($"/api/contacts/{contact.Id}/interactions", touch, ApiJson.Options), HttpStatusCode.Created);
        Assert.Null(logged.ConsentViolation);
    }

    [Fact]
    public async Task A_synced_touch_against_consent_is_recorded_and_shown_to_managers_only()
    {
        var (rep, repId) = await host.RepAsync("rep");
        var (manager, _) = await host.RepAsync("boss", manager: true);
        var contact = await host.CreateContactAsync(rep, new { email = WorkflowHost.NewEmail(), doNotEmail = true });

        var recorded = await host.IngestAsync(Outbound(contact.Id, repId, host.Clock.UtcNow.AddMinutes(-5)));
        Assert.Equal(TouchResult.Recorded, recorded[0].Result);
        Assert.Equal(ConsentFlag.DoNotEmail, recorded[0].Interaction.ConsentViolation);

        var violations = await manager.GetFromJsonAsync<Page<InteractionDto>>("/api/consent-violations", ApiJson.Options);
        var shown = Assert.Single(violations!.Items, i => i.ContactId == contact.Id);
        Assert.Equal((ConsentFlag.DoNotEmail, Origin.Sync, (string?)null), (shown.ConsentViolation, shown.Origin, shown.ConsentOverrideReason));
        await Expect.StatusAsync(await rep.GetAsync("/api/consent-violations"), HttpStatusCode.Forbidden);
    }

    private static Touch Outbound(int contactId, int repId, DateTime at) =>
        new(contactId, repId, Channel.Email, Direction.Outbound, at, $"mail:out:{Guid.NewGuid()}", Origin.Sync);

    private static async Task<ContactLookupDto> LookupAsync(HttpClient client, string email) =>
        (await client.GetFromJsonAsync<ContactLookupDto>($"/api/contacts/lookup?email={Uri.EscapeDataString(email)}", ApiJson.Options))!;
}
