using System.Net;
using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Interactions;

public sealed class InteractionTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    private async Task<(HttpClient Rep, ContactDto Contact)> RepWithContactAsync(string name)
    {
        var rep = api.ClientFor($"touch.{name}@contoso.com");
        return (rep, await rep.CreateLeadAsync());
    }

    private Task<int> StoredTouchesAsync(int contactId) =>
        api.InScopeAsync(sp => sp.GetRequiredService<LeadMailDb>().Interactions.CountAsync(i => i.ContactId == contactId));

    [Fact]
    public async Task Logging_a_call_answers_201_and_updates_the_contacts_counters()
    {
        var (rep, contact) = await RepWithContactAsync("log");
        using var _ = rep;
        var me = await rep.MeAsync();
        var at = api.Clock.UtcNow.AddMinutes(-30);

        var response = await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions",
            new { channel = "call", outcome = "connected", occurredAt = at, notes = "Wants a demo" });

        var touch = await response.ReadAsync<InteractionDto>(HttpStatusCode.Created);
        Assert.Equal($"/api/contacts/{contact.Id}/interactions/{touch.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(Channel.Call, touch.Channel);
        Assert.Equal(Direction.Outbound, touch.Direction);
        Assert.Equal(Outcome.Connected, touch.Outcome);
        Assert.Equal(Origin.Api, touch.Origin);
        Assert.Equal(me.Id, touch.RepId);
        Assert.Equal(at, touch.OccurredAt);
        Assert.True(touch.IsConnect);
        Assert.Equal(api.Clock.UtcNow, touch.RecordedAt);

        var fetched = await (await rep.GetAsync(response.Headers.Location)).ReadAsync<InteractionDto>();
        HttpJson.SameJson(touch, fetched);
        var after = await (await rep.GetAsync($"/api/contacts/{contact.Id}")).ReadAsync<ContactDto>();
        Assert.Equal(1, after.TouchesTotal);
        Assert.Equal(at, after.LastTouchAt);
        Assert.Equal(at, after.FirstConnectAt);
        Assert.Equal(0, after.TouchesBeforeConnect);
        // Counters are the ingest path's business: a logged touch does not invalidate the rep's ETag.
        Assert.Equal(1, after.Version);
    }

    [Fact]
    public async Task A_touch_without_a_time_happened_now()
    {
        var (rep, contact) = await RepWithContactAsync("now");
        using var _ = rep;

        var touch = await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "Met at lunch" }))
            .ReadAsync<InteractionDto>(HttpStatusCode.Created);

        Assert.Equal(api.Clock.UtcNow, touch.OccurredAt);
        Assert.Equal(Direction.None, touch.Direction);
    }

    [Fact]
    public async Task The_same_idempotency_key_header_twice_records_one_touch_and_answers_200_the_second_time()
    {
        var (rep, contact) = await RepWithContactAsync("header");
        using var _ = rep;
        var key = Guid.NewGuid().ToString();
        var body = new { channel = "call", outcome = "leftMessage", notes = "Called the office" };

        var first = await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", body, idempotencyKey: key);
        api.Clock.Advance(TimeSpan.FromSeconds(20));
        var retry = await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", body, idempotencyKey: key);

        var created = await first.ReadAsync<InteractionDto>(HttpStatusCode.Created);
        var replayed = await retry.ReadAsync<InteractionDto>(HttpStatusCode.OK);
        HttpJson.SameJson(created, replayed);
        Assert.Equal(1, await StoredTouchesAsync(contact.Id));
        Assert.Single((await rep.ListInteractionsAsync(contact.Id)).Items);
        Assert.Equal(1, (await (await rep.GetAsync($"/api/contacts/{contact.Id}")).ReadAsync<ContactDto>()).TouchesTotal);
    }

    [Fact]
    public async Task The_same_key_in_the_body_twice_records_one_touch()
    {
        var (rep, contact) = await RepWithContactAsync("body");
        using var _ = rep;
        var body = new { channel = "letter", occurredAt = api.Clock.UtcNow.AddDays(-1), idempotencyKey = Guid.NewGuid().ToString() };

        await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", body)).ExpectAsync(HttpStatusCode.Created);
        await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", body)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, await StoredTouchesAsync(contact.Id));
    }

    [Fact]
    public async Task A_key_sent_first_in_the_header_and_then_in_the_body_is_the_same_key()
    {
        var (rep, contact) = await RepWithContactAsync("carrier");
        using var _ = rep;
        var key = Guid.NewGuid().ToString();

        await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "n" }, key)).ExpectAsync(HttpStatusCode.Created);
        await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "n", idempotencyKey = key })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, await StoredTouchesAsync(contact.Id));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_record_one_touch()
    {
        var (rep, contact) = await RepWithContactAsync("race");
        using var _ = rep;
        var key = Guid.NewGuid().ToString();
        var body = new { channel = "visit", occurredAt = api.Clock.UtcNow.AddHours(-1) };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", body, key)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, await StoredTouchesAsync(contact.Id));
    }

    [Fact]
    public async Task Without_a_key_every_post_is_a_new_touch()
    {
        var (rep, contact) = await RepWithContactAsync("nokey");
        using var _ = rep;

        await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "same" })).ExpectAsync(HttpStatusCode.Created);
        await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "same" })).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(2, await StoredTouchesAsync(contact.Id));
    }

    [Fact]
    public async Task The_same_key_for_a_different_touch_is_409()
    {
        var (rep, contact) = await RepWithContactAsync("reuse");
        using var _ = rep;
        var key = Guid.NewGuid().ToString();
        var first = await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "call", outcome = "noAnswer" }, key))
            .ReadAsync<InteractionDto>(HttpStatusCode.Created);

        var response = await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "call", outcome = "connected" }, key);

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("idempotencyKey", problem.GetProperty("field").GetString());
        Assert.Equal(first.Id, problem.GetProperty("interactionId").GetInt64());
        Assert.Equal(1, await StoredTouchesAsync(contact.Id));
    }

    [Fact]
    public async Task A_header_key_and_a_different_body_key_is_400()
    {
        var (rep, contact) = await RepWithContactAsync("mismatch");
        using var _ = rep;

        var response = await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions",
            new { channel = "note", notes = "n", idempotencyKey = "body-key" }, idempotencyKey: "header-key");

        await response.FieldErrorAsync("idempotencyKey");
        Assert.Equal(0, await StoredTouchesAsync(contact.Id));
    }

    public static TheoryData<string, string> InvalidTouches => new()
    {
        { """{"notes":"no channel"}""", "channel" },
        { """{"channel":"fax"}""", "channel" },
        { """{"channel":3}""", "channel" },
        { """{"channel":"call"}""", "outcome" },
        { """{"channel":"call","outcome":"held"}""", "outcome" },
        { """{"channel":"meeting","outcome":"connected"}""", "outcome" },
        { """{"channel":"note","outcome":"bounced"}""", "outcome" },
        { """{"channel":"call","outcome":"maybe"}""", "outcome" },
        { """{"channel":"email"}""", "direction" },
        { """{"channel":"email","direction":"none"}""", "direction" },
        { """{"channel":"note","occurredAt":"2026-01-01T09:00:00"}""", "occurredAt" },
        { """{"channel":"note","occurredAt":"yesterday"}""", "occurredAt" },
        { """{"channel":"note","occurredAt":"1850-01-01T09:00:00Z"}""", "occurredAt" },
        { """{"channel":"note","origin":"sync"}""", "origin" },
        { """{"channel":"note","subject":"%401"}""", "subject" },
        { """{"channel":"note","notes":"%4001"}""", "notes" },
        { """{"channel":"note","idempotencyKey":"%201"}""", "idempotencyKey" },
        { """{"channel":"note","mood":"happy"}""", "mood" },
    };

    [Theory]
    [MemberData(nameof(InvalidTouches))]
    public async Task An_invalid_touch_is_400_naming_the_field_and_records_nothing(string json, string field)
    {
        var (rep, contact) = await RepWithContactAsync("invalid");
        using var _ = rep;

        var response = await rep.PostAsync($"/api/contacts/{contact.Id}/interactions", HttpJson.Raw(json));

        await response.FieldErrorAsync(field);
        Assert.Equal(0, await StoredTouchesAsync(contact.Id));
    }

    [Fact]
    public async Task A_touch_in_the_future_is_400_naming_occurred_at()
    {
        var (rep, contact) = await RepWithContactAsync("future");
        using var _ = rep;

        var response = await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", occurredAt = api.Clock.UtcNow.AddHours(1) });

        await response.FieldErrorAsync("occurredAt");
        // A client clock a little ahead is tolerated.
        await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", occurredAt = api.Clock.UtcNow.AddMinutes(2) }))
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_idempotency_key_header_over_200_characters_is_400()
    {
        var (rep, contact) = await RepWithContactAsync("longheader");
        using var _ = rep;

        var response = await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note" }, new string('k', 201));

        await response.FieldErrorAsync("Idempotency-Key");
    }

    [Fact]
    public async Task Touches_on_an_unknown_contact_are_404()
    {
        using var rep = api.ClientFor("touch.unknown@contoso.com");
        await (await rep.PostJsonAsync("/api/contacts/876543/interactions", new { channel = "note" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await rep.GetAsync("/api/contacts/876543/interactions")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_touch_is_only_found_under_its_own_contact()
    {
        var (rep, contact) = await RepWithContactAsync("own");
        using var _ = rep;
        var other = await rep.CreateLeadAsync();
        var touch = await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "n" }))
            .ReadAsync<InteractionDto>(HttpStatusCode.Created);

        await (await rep.GetAsync($"/api/contacts/{other.Id}/interactions/{touch.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await rep.GetAsync($"/api/contacts/{contact.Id}/interactions/{touch.Id + 1000}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_key_is_scoped_to_its_contact()
    {
        var (rep, contact) = await RepWithContactAsync("scoped");
        using var _ = rep;
        var other = await rep.CreateLeadAsync();
        var key = Guid.NewGuid().ToString();

        await (await rep.PostJsonAsync($"/api/contacts/{contact.Id}/interactions", new { channel = "note", notes = "n" }, key)).ExpectAsync(HttpStatusCode.Created);
        await (await rep.PostJsonAsync($"/api/contacts/{other.Id}/interactions", new { channel = "note", notes = "n" }, key)).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_list_pages_newest_first_through_touches_at_the_same_instant()
    {
        var (rep, contact) = await RepWithContactAsync("pages");
        using var _ = rep;
        var me = await rep.MeAsync();
        var now = api.Clock.UtcNow;
        // Three touches share one instant, so the cursor must break ties by id.
        var times = new[] { -1, -2, -2, -2, -3, -4, -5 }.Select(h => now.AddHours(h)).ToArray();
        await api.RecordTouchesAsync(times.Select((t, i) =>
            new Touch(contact.Id, me.Id, Channel.Note, Direction.None, t, TouchKey.ForClient(Guid.NewGuid().ToString()), Origin.Import, Notes: $"n{i}")).ToArray());

        var seen = new List<InteractionDto>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await rep.ListInteractionsAsync(contact.Id, "limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            if (cursor is null) break;
        }

        Assert.Equal(7, seen.Select(t => t.Id).Distinct().Count());
        Assert.Equal(times, seen.Select(t => t.OccurredAt));
        Assert.Equal(["n0", "n3", "n2", "n1", "n4", "n5", "n6"], seen.Select(t => t.Notes));
    }

    [Fact]
    public async Task The_list_validates_limit_and_cursor()
    {
        var (rep, contact) = await RepWithContactAsync("listbad");
        using var _ = rep;

        await (await rep.GetAsync($"/api/contacts/{contact.Id}/interactions?limit=201")).FieldErrorAsync("limit");
        await (await rep.GetAsync($"/api/contacts/{contact.Id}/interactions?cursor=%25%25")).FieldErrorAsync("cursor");
    }
}
