using System.Globalization;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.Imports;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Imports;

/// <summary>
/// Leads an import adds a batch at a time end as the same leads added one by one through the API: every field, the
/// owner the rules pick (round-robin turns included), the creation stage record, the assignment audit, consent flags.
/// </summary>
public sealed class ImportEquivalenceTests(ImportApiFactory api) : IClassFixture<ImportApiFactory>
{
    private readonly HttpClient manager = api.ManagerClient();

    private sealed record Row(string First, string Last, string Company, string Source, string? Country, string? Interest, bool DoNotCall, bool DoNotEmail, bool Unsubscribed);

    [Fact]
    public async Task A_batched_import_leaves_each_lead_as_creating_it_through_the_api_does()
    {
        var (first, second, direct) = (await RepAsync("first"), await RepAsync("second"), await RepAsync("direct"));
        var (turnSource, directSource) = (Unique.Token("group"), Unique.Token("direct"));
        var groupId = await api.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LeadMailDb>();
            var group = new RepGroup { Name = turnSource, Members = [new RepGroupMember { RepId = first, Position = 0 }, new RepGroupMember { RepId = second, Position = 1 }] };
            db.RepGroups.Add(group);
            await db.SaveChangesAsync();
            db.AssignmentRules.AddRange(
                new AssignmentRule { Name = turnSource, Position = -2, Source = turnSource, RepGroupId = group.Id, CreatedAt = api.Clock.UtcNow, UpdatedAt = api.Clock.UtcNow },
                new AssignmentRule { Name = directSource, Position = -1, Source = directSource, RepId = direct, CreatedAt = api.Clock.UtcNow, UpdatedAt = api.Clock.UtcNow });
            await db.SaveChangesAsync();
            return group.Id;
        });
        var tag = Unique.Token();
        Row[] rows =
        [
            new("Ada", tag, "Acme", turnSource, "DE", "Widgets", true, false, false),
            new("Grace", tag, "Navy", turnSource, null, null, false, true, false),
            new("Edsger", tag, "Eindhoven", directSource, "NL", "Gadgets", false, false, true),
            new("Barbara", tag, "MIT", turnSource, "US", null, true, true, true),
            new("Alan", tag, "Bletchley", "elsewhere", "GB", null, false, false, false),
            new("Katherine", tag, "NASA", turnSource, null, "Orbits", false, false, false),
            new("Donald", tag, "Stanford", turnSource, "US", null, false, true, false),
        ];
        var imported = rows.Select(_ => Unique.Email("imported")).ToList();
        static string Flag(bool on) => on ? "yes" : "no";
        var csv = "First Name,Last Name,Email,Company,Source,Country,Interest,Do Not Call,Do Not Email,Unsubscribed\n" + string.Concat(rows.Select((r, i) =>
            $"{r.First},{r.Last},{imported[i]},{r.Company},{r.Source},{r.Country},{r.Interest},{Flag(r.DoNotCall)},{Flag(r.DoNotEmail)},{Flag(r.Unsubscribed)}\n"));
        var turnsBefore = await TurnsAsync(groupId);

        // Batches of two rows: the group deals two turns within one batch, and one across batches.
        var committed = await manager.CommitCsvAsync(csv);
        Assert.Equal((ImportStatus.Completed, rows.Length), (committed.Status, committed.Created));
        var turnsAfterImport = await TurnsAsync(groupId);

        // The twins start from the same turn of the group, so the same rep is dealt each.
        await api.InScopeAsync(sp => sp.GetRequiredService<LeadMailDb>().RepGroups.Where(g => g.Id == groupId)
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.Turns, turnsBefore)));
        var twins = new List<string>();
        foreach (var r in rows)
        {
            var email = Unique.Email("twin");
            twins.Add(email);
            await manager.CreateContactAsync(new
            {
                firstName = r.First, lastName = r.Last, email, company = r.Company, source = r.Source, country = r.Country, interest = r.Interest,
                doNotCall = r.DoNotCall, doNotEmail = r.DoNotEmail, unsubscribed = r.Unsubscribed,
            });
        }
        Assert.Equal(turnsAfterImport, await TurnsAsync(groupId));

        var importedLeads = await Task.WhenAll(imported.Select(SnapshotAsync));
        Assert.Equal([first, second, direct, first, null, second, first], importedLeads.Select(l => (int?)l.Fields[nameof(Contact.OwnerId)]));
        var twinLeads = await Task.WhenAll(twins.Select(SnapshotAsync));
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(twinLeads[i].Fields, importedLeads[i].Fields);
            Assert.Equal(twinLeads[i].Emails, importedLeads[i].Emails);
            Assert.Equal(twinLeads[i].Stages, importedLeads[i].Stages);
            Assert.Equal(twinLeads[i].Assignments, importedLeads[i].Assignments);
            Assert.Equal(twinLeads[i].Consents, importedLeads[i].Consents);
        }
    }

    private sealed record Snapshot(Dictionary<string, object?> Fields, List<string> Emails, List<string> Stages, List<string> Assignments, List<string> Consents);

    /// <summary>Everything stored of the lead holding the address, but its id and the address itself.</summary>
    private Task<Snapshot> SnapshotAsync(string email) => api.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<LeadMailDb>();
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Emails).SingleAsync(c => c.Emails.Any(e => e.Address == EmailAddress.Normalize(email)));
        var fields = typeof(Contact).GetProperties()
            .Where(p => p.CanWrite && p.Name != nameof(Contact.Id) && (p.PropertyType.IsValueType || p.PropertyType == typeof(string)))
            .ToDictionary(p => p.Name, p => p.GetValue(contact));
        fields[nameof(Contact.NameKey)] = contact.NameKey;
        fields[nameof(Contact.PhoneKey)] = contact.PhoneKey;
        var stages = (await db.StageChanges.AsNoTracking().Where(s => s.ContactId == contact.Id).OrderBy(s => s.Id).ToListAsync())
            .Select(s => string.Join("|", s.From, s.To, s.ByRepId, s.Reason, Instant(s.At))).ToList();
        var assignments = (await db.OwnerAssignments.AsNoTracking().Where(a => a.ContactId == contact.Id).OrderBy(a => a.Id).ToListAsync())
            .Select(a => string.Join("|", a.FromRepId, a.ToRepId, a.Cause, a.RuleId, a.ByRepId, a.Reason, Instant(a.At))).ToList();
        var consents = (await db.ConsentChanges.AsNoTracking().Where(c => c.ContactId == contact.Id).OrderBy(c => c.Id).ToListAsync())
            .Select(c => string.Join("|", c.Flag, c.Value, c.ByRepId, Instant(c.At))).ToList();
        return new Snapshot(fields, contact.Emails.Select(e => e.IsPrimary ? "primary" : "other").ToList(), stages, assignments, consents);
    });

    private static string Instant(DateTime at) => at.ToString("O", CultureInfo.InvariantCulture);

    private async Task<int> RepAsync(string name) => (await api.ClientFor(Unique.Email(name)).MeAsync()).Id;

    private Task<long> TurnsAsync(int groupId) =>
        api.InScopeAsync(sp => sp.GetRequiredService<LeadMailDb>().RepGroups.Where(g => g.Id == groupId).Select(g => g.Turns).SingleAsync());
}
