using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.Imports;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Imports;

/// <summary>The dry run and the commit agree, row by row; a known lead is filled, never overwritten unless asked; re-importing adds nothing.</summary>
public sealed class ImportCommitTests(ImportApiFactory api) : IClassFixture<ImportApiFactory>
{
    private readonly HttpClient manager = api.ManagerClient();

    [Fact]
    public async Task An_imported_address_asks_for_its_history_as_one_added_in_the_pane_does()
    {
        var (imported, known) = (Unique.Email("imported"), Unique.Email("known"));
        await manager.CreateLeadAsync(email: known, firstName: "Known", lastName: Unique.Token(), company: null);

        var committed = await manager.CommitCsvAsync($"First Name,Email\nImported,{imported}\nKnown,{known.ToUpperInvariant()}\n");

        Assert.Equal((1, 1), (committed.Created, committed.Updated));
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadMailDb>();
        var pending = await db.ContactEmails.Where(e => e.Address == imported || e.Address == known).ToDictionaryAsync(e => e.Address, e => e.HistoryPending);
        Assert.Equal(new Dictionary<string, bool> { [imported] = true, [known] = true }, pending);
    }

    [Fact]
    public async Task The_dry_run_says_what_the_commit_does_and_a_second_import_of_the_file_creates_nothing()
    {
        var tag = Unique.Token();
        var known = Unique.Email("known");
        await manager.CreateLeadAsync(email: known, firstName: "Known", lastName: tag, company: null);
        await manager.CreateLeadAsync(email: Unique.Email(), firstName: "Twin", lastName: tag, company: "Acme");
        var phone = $"+49 30 {Random.Shared.Next(1_000_000, 9_999_999)}";
        await api.AddContactAsync(new Contact { FirstName = "Phone", LastName = tag, Phone = phone.Replace(" ", "-") });
        var (fresh, again) = (Unique.Email("fresh"), Unique.Email("again"));
        var csv = "First Name,Last Name,Email,Company,Phone\n" +
                  $"New,{tag},{fresh},Acme,\n" +                       // row 2: create
                  $"Known,{tag},{known.ToUpperInvariant()},Filled,\n" + // row 3: update (the address in another case)
                  $"Again,{tag},{fresh.ToUpperInvariant()},Acme,\n" +   // row 4: duplicate (row 2's address)
                  $"Twin,{tag},{Unique.Email()},acme ,\n" +            // row 5: duplicate (name and company of a known lead)
                  $"Other,{tag},{Unique.Email()},,{phone}\n" +          // row 6: duplicate (a known lead's phone, written differently)
                  $",,,,\n" +                                            // blank: not a row
                  $",,,,555 0000\n" +                                    // row 8: error (no email, name or company)
                  $"Bad,{tag},nobody@,,\n" +                             // row 9: error (invalid address)
                  $"Second,{tag},{again},Acme,\n" +                      // row 10: create
                  $"Second,{tag},{Unique.Email()},Acme,\n";              // row 11: duplicate (row 10's name and company)

        var dry = await manager.DryRunCsvAsync(csv);

        Assert.Equal((9, 2, 1, 4, 2), (dry.Total, dry.Create, dry.Update, dry.Duplicate, dry.Error));
        Assert.Equal(
            [(2, ImportAction.Create), (3, ImportAction.Update), (4, ImportAction.Duplicate), (5, ImportAction.Duplicate), (6, ImportAction.Duplicate),
                (8, ImportAction.Error), (9, ImportAction.Error), (10, ImportAction.Create), (11, ImportAction.Duplicate)],
            dry.Rows.Select(r => (r.Row, r.Action)));
        Assert.Equal(("email", "phone"), (dry.Rows[2].Field, dry.Rows[4].Field));
        Assert.Equal(known, dry.Rows[1].Email);
        var before = await CountAsync(tag);
        Assert.Equal(3, before);

        var committed = await manager.CommitCsvAsync(csv);

        Assert.Equal(ImportStatus.Completed, committed.Status);
        Assert.Equal((dry.Total, dry.Create, dry.Update, dry.Duplicate + dry.Error), (committed.Processed, committed.Created, committed.Updated, committed.Skipped));
        Assert.Equal(dry.Rows.Where(r => r.Action == ImportAction.Error).Select(r => (r.Row, r.Field, r.Message)),
            committed.Errors.Select(e => ((int)e.Row, (string?)e.Field, (string?)e.Message)));
        Assert.Equal(before + dry.Create, await CountAsync(tag));
        Assert.Equal("Filled", (await api.ContactByEmailAsync(known))!.Company);

        var second = await manager.DryRunCsvAsync(csv);
        Assert.Equal(0, second.Create);
        var reimported = await manager.CommitCsvAsync(csv);
        Assert.Equal((0, second.Update), (reimported.Created, reimported.Updated));
        Assert.Equal(before + dry.Create, await CountAsync(tag));
    }

    [Fact]
    public async Task A_known_lead_keeps_its_values_and_gets_its_empty_fields_filled_unless_overwrite_is_asked()
    {
        var email = Unique.Email("fill");
        await manager.CreateLeadAsync(email: email, firstName: "Ada", lastName: "Lovelace", company: "Old Company");
        var csv = $"Email,Company,Phone,Job Title\n{email.ToUpperInvariant()},New Company,+44 1,Countess\n";

        await manager.CommitCsvAsync(csv);
        var filled = await api.ContactByEmailAsync(email);
        Assert.Equal(("Old Company", "+44 1", "Countess", 2), (filled!.Company, filled.Phone, filled.Title, filled.Version));

        await manager.CommitCsvAsync(csv, new Dictionary<string, string> { ["overwrite"] = "true" });
        Assert.Equal("New Company", (await api.ContactByEmailAsync(email))!.Company);
    }

    [Fact]
    public async Task Consent_columns_are_honoured_on_new_and_known_leads_and_never_lifted()
    {
        var (fresh, known) = (Unique.Email("consent"), Unique.Email("consent"));
        await manager.CreateContactAsync(new { email = known, firstName = "Known", doNotCall = true });
        var csv = $"Email;Do Not Call;Email Opt Out;Abgemeldet\n{fresh};ja;0;x\n{known};nein;1;\n";

        await manager.CommitAsync(ImportCalls.Utf8(csv), "consent.csv", "text/csv");

        var created = await api.ContactByEmailAsync(fresh);
        Assert.Equal((true, false, true), (created!.DoNotCall, created.DoNotEmail, created.Unsubscribed));
        var updated = await api.ContactByEmailAsync(known);
        Assert.Equal((true, true, false), (updated!.DoNotCall, updated.DoNotEmail, updated.Unsubscribed));
    }

    [Fact]
    public async Task The_file_wide_source_and_first_met_date_apply_to_rows_without_their_own()
    {
        var (plain, own) = (Unique.Email("fair"), Unique.Email("fair"));
        var csv = $"Email,Name,Lead Source\n{plain},Ada Lovelace,\n{own},\"Hopper, Grace\",Referral\n";

        await manager.CommitCsvAsync(csv, new Dictionary<string, string> { ["source"] = "Trade fair Essen 2026", ["firstMetOn"] = "2026-03-14" });

        var fair = await api.ContactByEmailAsync(plain);
        Assert.Equal(("Ada", "Lovelace", "Trade fair Essen 2026", new DateOnly(2026, 3, 14)), (fair!.FirstName, fair.LastName, fair.Source, fair.FirstMetOn));
        var referral = await api.ContactByEmailAsync(own);
        Assert.Equal(("Grace", "Hopper", "Referral"), (referral!.FirstName, referral.LastName, referral.Source));
    }

    [Fact]
    public async Task A_mapping_overrides_the_recognised_columns()
    {
        var email = Unique.Email("mapped");
        var csv = $"Courriel,Nom,Société,Notes\n{email},Curie,Institut du Radium,keep out\n";

        var unmapped = await manager.UploadCsvAsync(csv, dryRun: true);
        var problem = await unmapped.ProblemAsync(System.Net.HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("mapping", out _));

        var mapping = new Dictionary<string, string>
        {
            ["mapping"] = """{"Courriel": "email", "Nom": "lastName", "Société": "company", "Notes": ""}""",
        };
        Assert.Equal(1, (await manager.DryRunCsvAsync(csv, mapping)).Create);
        await manager.CommitCsvAsync(csv, mapping);
        var lead = await api.ContactByEmailAsync(email);
        Assert.Equal(("Curie", "Institut du Radium", null), (lead!.LastName, lead.Company, lead.Background));
    }

    [Fact]
    public async Task Imported_leads_go_through_the_routing_rules()
    {
        var rep = await api.ClientFor(Unique.Email("router")).MeAsync();
        var source = Unique.Token("fair");
        await api.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LeadMailDb>();
            db.AssignmentRules.Add(new AssignmentRule { Name = source, Position = -1, Source = source, RepId = rep.Id, CreatedAt = api.Clock.UtcNow, UpdatedAt = api.Clock.UtcNow });
            await db.SaveChangesAsync();
        });
        var (routed, queued) = (Unique.Email("routed"), Unique.Email("queued"));

        await manager.CommitCsvAsync($"Email,Source\n{routed},{source}\n{queued},elsewhere\n");

        Assert.Equal(rep.Id, (await api.ContactByEmailAsync(routed))!.OwnerId);
        Assert.Null((await api.ContactByEmailAsync(queued))!.OwnerId);
    }

    private Task<int> CountAsync(string tag) =>
        api.InScopeAsync(sp => sp.GetRequiredService<LeadMailDb>().Contacts.CountAsync(c => c.LastName == tag));
}
