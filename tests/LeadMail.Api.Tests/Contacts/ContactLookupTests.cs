using System.Net;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Interactions;

namespace LeadMail.Api.Tests.Contacts;

public sealed class ContactLookupTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task Lookup_finds_the_contact_by_any_of_its_addresses_whatever_the_case()
    {
        using var rep = api.ClientFor("lookup.case@contoso.com");
        var primary = Unique.Email("Grace");
        var secondary = Unique.Email("hopper");
        var contact = await rep.CreateContactAsync(new { firstName = "Grace", email = primary, emails = new[] { secondary } });

        var byPrimary = await rep.LookupAsync(primary.ToUpperInvariant());
        var bySecondary = await rep.LookupAsync("  " + secondary.ToUpperInvariant() + "  ");

        Assert.Equal(contact.Id, byPrimary.Contact.Id);
        Assert.Equal(contact.Id, bySecondary.Contact.Id);
        Assert.Equal(primary.ToLowerInvariant(), bySecondary.Contact.Email);
    }

    [Fact]
    public async Task Lookup_answers_json_with_its_length_in_one_body()
    {
        using var rep = api.ClientFor("lookup.length@contoso.com");
        var contact = await rep.CreateLeadAsync();

        using var response = await rep.GetAsync(ApiCalls.LookupUrl(contact.Email!));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(contact.Id, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("contact").GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Lookup_of_an_unknown_address_is_404()
    {
        using var rep = api.ClientFor("lookup.unknown@contoso.com");
        await (await rep.GetAsync(ApiCalls.LookupUrl(Unique.Email("nobody")))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/contacts/lookup")]
    [InlineData("/api/contacts/lookup?email=")]
    [InlineData("/api/contacts/lookup?email=not-an-address")]
    [InlineData("/api/contacts/lookup?email=Ada%20%3Cada%40example.com%3E")]
    public async Task Lookup_without_a_valid_address_is_400_naming_email(string url)
    {
        using var rep = api.ClientFor("lookup.bad@contoso.com");
        await (await rep.GetAsync(url)).FieldErrorAsync("email");
    }

    [Fact]
    public async Task Lookup_returns_the_latest_20_touches_newest_first()
    {
        using var rep = api.ClientFor("lookup.latest@contoso.com");
        var me = await rep.MeAsync();
        var contact = await rep.CreateLeadAsync();
        var now = api.Clock.UtcNow;
        // Recorded out of order, as a backfill would: the pane still shows them by time.
        var touches = Enumerable.Range(1, 25)
            .OrderBy(i => (i * 7) % 25)
            .Select(i => new Touch(contact.Id, me.Id, Channel.Call, Direction.Outbound, now.AddHours(-i), TouchKey.ForClient(Guid.NewGuid().ToString()),
                Origin.Api, Outcome.NoAnswer, Notes: $"call {i}"))
            .ToArray();
        await api.RecordTouchesAsync(touches);

        var lookup = await rep.LookupAsync(contact.Email!);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"call {i}"), lookup.Interactions.Select(t => t.Notes));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => now.AddHours(-i)), lookup.Interactions.Select(t => t.OccurredAt));
        Assert.Equal(25, lookup.Contact.TouchesTotal);
    }

    [Fact]
    public async Task Lookup_counts_touches_of_the_last_7_days_and_the_outbound_ones_among_them()
    {
        using var rep = api.ClientFor("lookup.week@contoso.com");
        var me = await rep.MeAsync();
        var contact = await rep.CreateLeadAsync();
        var now = api.Clock.UtcNow;
        Touch At(TimeSpan ago, Direction direction, Channel channel = Channel.Email) =>
            new(contact.Id, me.Id, channel, direction, now - ago, TouchKey.ForClient(Guid.NewGuid().ToString()), Origin.Api);
        await api.RecordTouchesAsync(
            At(TimeSpan.FromHours(2), Direction.Outbound),
            At(TimeSpan.FromDays(3), Direction.Inbound),
            At(TimeSpan.FromDays(6.9), Direction.Outbound),
            At(TimeSpan.FromDays(5), Direction.None, Channel.Note),
            At(TimeSpan.FromDays(7.1), Direction.Outbound),
            At(TimeSpan.FromDays(30), Direction.Outbound));

        var lookup = await rep.LookupAsync(contact.Email!);

        Assert.Equal(4, lookup.TouchesLast7Days);
        Assert.Equal(2, lookup.OutboundTouchesLast7Days);
        Assert.Equal(6, lookup.Interactions.Count);
    }

    [Fact]
    public async Task Lookup_of_a_contact_never_touched_has_no_touches()
    {
        using var rep = api.ClientFor("lookup.fresh@contoso.com");
        var contact = await rep.CreateLeadAsync();

        var lookup = await rep.LookupAsync(contact.Email!);

        Assert.Empty(lookup.Interactions);
        Assert.Equal(0, lookup.TouchesLast7Days);
        Assert.Null(lookup.MessageLogged);
    }

    [Fact]
    public async Task Lookup_says_whether_the_open_message_is_already_logged()
    {
        using var rep = api.ClientFor("lookup.logged@contoso.com");
        var me = await rep.MeAsync();
        var contact = await rep.CreateLeadAsync();
        var received = $"<{Guid.NewGuid():N}@mail.example.com>";
        var sent = $"<{Guid.NewGuid():N}@contoso.com>";
        await api.RecordTouchesAsync(
            new Touch(contact.Id, me.Id, Channel.Email, Direction.Inbound, api.Clock.UtcNow.AddMinutes(-5), TouchKey.ForMail(received, Direction.Inbound), Origin.Sync, Subject: "Hello"),
            new Touch(contact.Id, me.Id, Channel.Email, Direction.Outbound, api.Clock.UtcNow.AddMinutes(-1), TouchKey.ForMail(sent, Direction.Outbound), Origin.Sync, Subject: "Re: Hello"));

        Assert.True((await rep.LookupAsync(contact.Email!, received)).MessageLogged);
        Assert.True((await rep.LookupAsync(contact.Email!, sent)).MessageLogged);
        Assert.False((await rep.LookupAsync(contact.Email!, $"<{Guid.NewGuid():N}@mail.example.com>")).MessageLogged);
        Assert.Null((await rep.LookupAsync(contact.Email!)).MessageLogged);
    }

    [Fact]
    public async Task Lookup_carries_the_follow_up_and_the_consent_flags()
    {
        using var rep = api.ClientFor("lookup.consent@contoso.com");
        var due = api.Clock.UtcNow.AddHours(-3);
        var contact = await rep.CreateContactAsync(new
        {
            firstName = "Linus",
            email = Unique.Email("linus"),
            doNotCall = true,
            unsubscribed = true,
            nextFollowUpDue = due,
            nextFollowUpNote = "Send the quote",
        });

        var lookup = await rep.LookupAsync(contact.Email!);

        Assert.Equal(due, lookup.NextFollowUpDue);
        Assert.Equal("Send the quote", lookup.NextFollowUpNote);
        Assert.True(lookup.FollowUpOverdue);
        Assert.True(lookup.DoNotCall);
        Assert.False(lookup.DoNotEmail);
        Assert.True(lookup.Unsubscribed);
    }

    [Fact]
    public async Task A_follow_up_in_the_future_is_not_overdue()
    {
        using var rep = api.ClientFor("lookup.future@contoso.com");
        var contact = await rep.CreateLeadAsync(nextFollowUpDue: api.Clock.UtcNow.AddDays(1));

        Assert.False((await rep.LookupAsync(contact.Email!)).FollowUpOverdue);
    }
}
