using System.Net;
using LeadMail.Api.Contacts;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Contacts;

namespace LeadMail.Api.Tests.Contacts;

public sealed class ContactListTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Fact]
    public async Task The_cursor_walks_every_page_without_duplicates_or_gaps()
    {
        using var rep = api.ClientFor("list.pager@contoso.com");
        var source = Unique.Token("campaign-");
        var created = new List<int>();
        for (var i = 0; i < 23; i++) created.Add((await rep.CreateLeadAsync(source: source)).Id);

        var seen = new List<int>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await rep.ListContactsAsync($"source={source}&limit=5" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.True(page.Items.Count == 5 || page.NextCursor is null, "Only the last page may be short.");
            seen.AddRange(page.Items.Select(c => c.Id));
            cursor = page.NextCursor;
            pages++;
        } while (cursor is not null && pages < 10);

        Assert.Equal(5, pages);
        Assert.Equal(created.OrderByDescending(id => id), seen);
    }

    [Fact]
    public async Task A_contact_added_while_paging_neither_repeats_nor_hides_the_rest()
    {
        using var rep = api.ClientFor("list.stable@contoso.com");
        var source = Unique.Token("stable-");
        var created = new List<int>();
        for (var i = 0; i < 6; i++) created.Add((await rep.CreateLeadAsync(source: source)).Id);

        var first = await rep.ListContactsAsync($"source={source}&limit=3");
        await rep.CreateLeadAsync(source: source);
        var second = await rep.ListContactsAsync($"source={source}&limit=3&cursor={first.NextCursor}");

        Assert.Equal(created.OrderByDescending(id => id), first.Items.Concat(second.Items).Select(c => c.Id));
    }

    [Fact]
    public async Task The_default_page_is_50_and_the_last_page_has_no_cursor()
    {
        using var rep = api.ClientFor("list.default@contoso.com");
        var source = Unique.Token("default-");
        // Unassigned, so visible to the rep.
        for (var i = 0; i < 51; i++) await api.AddContactAsync(new Contact { FirstName = $"Bulk {i}", Source = source });

        var first = await rep.ListContactsAsync($"source={source}");
        var last = await rep.ListContactsAsync($"source={source}&cursor={first.NextCursor}");

        Assert.Equal(50, first.Items.Count);
        Assert.NotNull(first.NextCursor);
        Assert.Single(last.Items);
        Assert.Null(last.NextCursor);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("limit=-5")]
    public async Task A_limit_out_of_bounds_is_400_naming_limit(string query)
    {
        using var rep = api.ClientFor("list.limit@contoso.com");
        await (await rep.GetAsync("/api/contacts?" + query)).FieldErrorAsync("limit");
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_400_naming_limit()
    {
        using var rep = api.ClientFor("list.limitnan@contoso.com");
        await (await rep.GetAsync("/api/contacts?limit=lots")).FieldErrorAsync("limit");
    }

    [Fact]
    public async Task Limit_200_is_accepted()
    {
        using var rep = api.ClientFor("list.limit200@contoso.com");
        await (await rep.GetAsync("/api/contacts?limit=200")).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("garbage!!")]
    [InlineData("bm90LWEtbnVtYmVy")] // base64url of "not-a-number"
    [InlineData("MToyOjM")] // base64url of "1:2:3"
    public async Task A_cursor_this_api_did_not_issue_is_400_naming_cursor(string cursor)
    {
        using var rep = api.ClientFor("list.cursor@contoso.com");
        await (await rep.GetAsync($"/api/contacts?cursor={cursor}")).FieldErrorAsync("cursor");
    }

    [Fact]
    public async Task Filter_by_stage()
    {
        using var rep = api.ClientFor("list.stage@contoso.com");
        var source = Unique.Token("stage-");
        var proposal = await rep.CreateLeadAsync(source: source, stage: "proposal");
        await rep.CreateLeadAsync(source: source, stage: "new");
        await rep.CreateLeadAsync(source: source, stage: "won");

        var page = await rep.ListContactsAsync($"source={source}&stage=proposal");

        Assert.Equal([proposal.Id], page.Items.Select(c => c.Id));
        Assert.All(page.Items, c => Assert.Equal(Stage.Proposal, c.Stage));
    }

    [Fact]
    public async Task An_unknown_stage_is_400_naming_stage()
    {
        using var rep = api.ClientFor("list.badstage@contoso.com");
        var errors = await (await rep.GetAsync("/api/contacts?stage=hot")).FieldErrorAsync("stage");
        Assert.Contains("marketingQualified", errors[0]);
    }

    [Fact]
    public async Task Filter_by_owner_me_unassigned_or_a_rep_id()
    {
        using var alice = api.ClientFor("list.owner.alice@contoso.com");
        using var bob = api.ClientFor("list.owner.bob@contoso.com");
        var aliceId = (await alice.MeAsync()).Id;
        var bobId = (await bob.MeAsync()).Id;
        using var manager = api.ManagerClient();
        var source = Unique.Token("owner-");
        var alices = await alice.CreateLeadAsync(source: source);
        var bobs = await bob.CreateLeadAsync(source: source);
        var queued = await manager.CreateLeadAsync(source: source);

        Assert.Equal([alices.Id], (await alice.ListContactsAsync($"source={source}&owner=me")).Items.Select(c => c.Id));
        Assert.Equal([queued.Id], (await alice.ListContactsAsync($"source={source}&owner=unassigned")).Items.Select(c => c.Id));
        Assert.Equal([bobs.Id], (await manager.ListContactsAsync($"source={source}&owner={bobId}")).Items.Select(c => c.Id));
        Assert.Equal([alices.Id], (await manager.ListContactsAsync($"source={source}&owner={aliceId}")).Items.Select(c => c.Id));
        // A rep asking for another rep's leads gets none: the filter never widens visibility.
        Assert.Empty((await alice.ListContactsAsync($"source={source}&owner={bobId}")).Items);
        Assert.Empty((await manager.ListContactsAsync($"source={source}&owner=me")).Items);
    }

    [Fact]
    public async Task An_unreadable_owner_is_400_naming_owner()
    {
        using var rep = api.ClientFor("list.badowner@contoso.com");
        await (await rep.GetAsync("/api/contacts?owner=somebody")).FieldErrorAsync("owner");
    }

    [Fact]
    public async Task Filter_by_source_and_interest()
    {
        using var rep = api.ClientFor("list.source@contoso.com");
        var source = Unique.Token("fair-");
        var other = Unique.Token("web-");
        var interest = Unique.Token("engines-");
        var both = await rep.CreateLeadAsync(source: source, interest: interest);
        var sourceOnly = await rep.CreateLeadAsync(source: source, interest: "looms");
        await rep.CreateLeadAsync(source: other, interest: interest);

        Assert.Equal([sourceOnly.Id, both.Id], (await rep.ListContactsAsync($"source={source}")).Items.Select(c => c.Id));
        Assert.Equal([both.Id], (await rep.ListContactsAsync($"source={source}&interest={interest}")).Items.Select(c => c.Id));
        Assert.Equal(2, (await rep.ListContactsAsync($"interest={interest}")).Items.Count);
    }

    [Fact]
    public async Task Free_text_searches_name_company_and_email_case_insensitively()
    {
        using var rep = api.ClientFor("list.q@contoso.com");
        var word = Unique.Token("zq");
        var byFirst = await rep.CreateLeadAsync(firstName: word + "ina");
        var byLast = await rep.CreateLeadAsync(lastName: "Mc" + word);
        var byCompany = await rep.CreateLeadAsync(firstName: null, lastName: null, company: "The " + word + " Company");
        var byEmail = await rep.CreateLeadAsync(email: $"sales.{word}@example.com");
        await rep.CreateLeadAsync(firstName: "Nobody", lastName: "Else");

        var found = await rep.ListContactsAsync($"q={word.ToUpperInvariant()}");

        Assert.Equal(new[] { byFirst.Id, byLast.Id, byCompany.Id, byEmail.Id }.OrderByDescending(id => id), found.Items.Select(c => c.Id));
    }

    [Theory]
    [InlineData("Müller", "MÜLLER")]
    [InlineData("Łukasz", "łukasz")]
    [InlineData("Élodie", "élodie")]
    [InlineData("Zoë", "ZOË")]
    [InlineData("Ærøskøbing Ølbryggeri", "ærø")]
    [InlineData("Αθηνά Παππά", "αθηνά")]
    [InlineData("Дмитрий", "дмитрий")]
    public async Task Free_text_ignores_case_in_every_script_not_only_ascii(string name, string typed)
    {
        using var rep = api.ClientFor("list.unicode@contoso.com");
        var word = Unique.Token("uc");
        var byName = await rep.CreateLeadAsync(firstName: name, lastName: word);
        var byCompany = await rep.CreateLeadAsync(firstName: null, lastName: null, company: $"{name} {word} GmbH");
        // The same letters without the accent, or in another script, are other letters.
        await rep.CreateLeadAsync(firstName: "Muller", lastName: word);

        var found = await rep.ListContactsAsync($"q={Uri.EscapeDataString(typed)}&limit=200");

        Assert.Contains(byName.Id, found.Items.Select(c => c.Id));
        Assert.Contains(byCompany.Id, found.Items.Select(c => c.Id));
        Assert.All(found.Items, c => Assert.Contains(typed, $"{c.FirstName} {c.LastName} {c.Company}", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("100%", "100 Growth")]
    [InlineData("R_D", "RxD")]
    [InlineData("*Stars*", "xStarsx")]
    [InlineData("Who?", "Whom")]
    [InlineData("[EU]", "E")]
    // With a letter outside ASCII the search takes another path on SQLite (GLOB), with wildcards of its own.
    [InlineData("Ü*x?", "Üzzxy")]
    [InlineData("Ö[ab]", "Öab]")]
    [InlineData("Å_%", "Åab")]
    public async Task Free_text_treats_wildcards_of_every_kind_literally(string literal, string lookalike)
    {
        using var rep = api.ClientFor("list.wildcards.all@contoso.com");
        var word = Unique.Token("wc");
        var wanted = await rep.CreateLeadAsync(company: $"{word} {literal} Ltd");
        var other = await rep.CreateLeadAsync(company: $"{word} {lookalike} Ltd");

        var found = (await rep.ListContactsAsync($"q={Uri.EscapeDataString(literal)}&limit=200")).Items.Select(c => c.Id).ToList();

        Assert.Contains(wanted.Id, found);
        Assert.DoesNotContain(other.Id, found);
    }

    [Fact]
    public async Task Filter_by_follow_up_due_before()
    {
        using var rep = api.ClientFor("list.due@contoso.com");
        var source = Unique.Token("due-");
        var now = api.Clock.UtcNow;
        var overdue = await rep.CreateLeadAsync(source: source, nextFollowUpDue: now.AddDays(-2));
        var tomorrow = await rep.CreateLeadAsync(source: source, nextFollowUpDue: now.AddDays(1));
        await rep.CreateLeadAsync(source: source, nextFollowUpDue: now.AddDays(10));
        await rep.CreateLeadAsync(source: source);

        var due = await rep.ListContactsAsync($"source={source}&followUpDueBefore={Uri.EscapeDataString(now.AddDays(2).ToString("O"))}");

        Assert.Equal([tomorrow.Id, overdue.Id], due.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Follow_up_due_before_with_an_offset_compares_instants()
    {
        using var rep = api.ClientFor("list.dueoffset@contoso.com");
        var source = Unique.Token("dueoffset-");
        var due = api.Clock.UtcNow.AddDays(1);
        var contact = await rep.CreateLeadAsync(source: source, nextFollowUpDue: due);
        string InBerlinSummer(DateTime utc) => Uri.EscapeDataString(new DateTimeOffset(utc).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-ddTHH:mm:sszzz"));

        var justAfter = await rep.ListContactsAsync($"source={source}&followUpDueBefore={InBerlinSummer(due.AddMinutes(1))}");
        var justBefore = await rep.ListContactsAsync($"source={source}&followUpDueBefore={InBerlinSummer(due.AddMinutes(-1))}");

        Assert.Equal([contact.Id], justAfter.Items.Select(c => c.Id));
        Assert.Empty(justBefore.Items);
    }

    [Theory]
    [InlineData("stage=1")]
    [InlineData("stage=")]
    public async Task A_stage_that_is_a_number_or_empty_is_400_naming_stage(string query)
    {
        using var rep = api.ClientFor("list.stagenum@contoso.com");
        await (await rep.GetAsync("/api/contacts?" + query)).FieldErrorAsync("stage");
    }

    [Fact]
    public async Task Free_text_over_200_characters_is_400_naming_q()
    {
        using var rep = api.ClientFor("list.longq@contoso.com");
        await (await rep.GetAsync("/api/contacts?q=" + new string('q', 201))).FieldErrorAsync("q");
    }

    [Fact]
    public async Task Follow_up_due_before_without_an_offset_is_400_naming_it()
    {
        using var rep = api.ClientFor("list.duebad@contoso.com");
        await (await rep.GetAsync("/api/contacts?followUpDueBefore=2026-12-01T09:00:00")).FieldErrorAsync("followUpDueBefore");
        await (await rep.GetAsync("/api/contacts?followUpDueBefore=tomorrow")).FieldErrorAsync("followUpDueBefore");
    }
}
