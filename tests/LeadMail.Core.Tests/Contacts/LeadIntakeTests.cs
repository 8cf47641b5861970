using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Tests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Tests.Contacts;

public sealed class LeadIntakeTests(LeadDatabase leads) : IClassFixture<LeadDatabase>
{
    private async Task<Contact> AddAsync(params string[] addresses)
    {
        await using var db = leads.Open();
        return await new LeadIntake(db, leads.Clock).AddAsync(
            new Contact { FirstName = "Ada", Emails = addresses.Select(a => new ContactEmail { Address = a }).ToList() }, CancellationToken.None);
    }

    [Fact]
    public async Task A_new_lead_is_stored_with_normalised_unique_addresses_and_one_primary()
    {
        var id = Guid.NewGuid().ToString("N");

        var added = await AddAsync($"  Ada.{id}@Example.COM ", $"ada.{id}@example.com", $"Second.{id}@Example.org");

        var stored = await leads.ReloadAsync(added.Id);
        Assert.Equal([$"ada.{id}@example.com", $"second.{id}@example.org"], stored.Emails.OrderBy(e => e.Id).Select(e => e.Address));
        Assert.Equal($"ada.{id}@example.com", Assert.Single(stored.Emails, e => e.IsPrimary).Address);
        Assert.Equal(leads.Clock.UtcNow, stored.CreatedAt);
        Assert.Equal(leads.Clock.UtcNow, stored.UpdatedAt);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Blank_text_from_any_writer_is_stored_as_no_value_and_the_rest_trimmed()
    {
        await using var db = leads.Open();
        var added = await new LeadIntake(db, leads.Clock).AddAsync(new Contact
        {
            FirstName = "",
            LastName = "  ",
            Company = "  Fabrikam Ltd ",
            Source = "\t",
            Emails = [new ContactEmail { Address = $"blank.{Guid.NewGuid():N}@example.com" }],
        }, CancellationToken.None);

        var stored = await leads.ReloadAsync(added.Id);
        Assert.Null(stored.FirstName);
        Assert.Null(stored.LastName);
        Assert.Null(stored.Source);
        Assert.Equal("Fabrikam Ltd", stored.Company);
    }

    [Fact]
    public void Normalising_keeps_one_primary_when_several_claim_it()
    {
        var emails = new List<ContactEmail>
        {
            new() { Address = "B@example.com", IsPrimary = false },
            new() { Address = "a@example.com", IsPrimary = true },
            new() { Address = " A@EXAMPLE.com", IsPrimary = true },
            new() { Address = "c@example.com", IsPrimary = true },
        };

        LeadIntake.NormalizeEmails(emails);

        Assert.Equal(["b@example.com", "a@example.com", "c@example.com"], emails.Select(e => e.Address));
        Assert.Equal("a@example.com", Assert.Single(emails, e => e.IsPrimary).Address);
    }

    [Fact]
    public async Task A_lead_without_addresses_is_allowed()
    {
        var added = await AddAsync();
        Assert.Empty((await leads.ReloadAsync(added.Id)).Emails);
    }

    [Fact]
    public async Task An_address_another_contact_has_is_refused_whatever_its_case()
    {
        var address = $"taken.{Guid.NewGuid():N}@example.com";
        var first = await AddAsync(address);
        await using var db = leads.Open();
        var contactsBefore = await db.Contacts.CountAsync();

        var refused = await Assert.ThrowsAsync<EmailAlreadyKnownException>(() => AddAsync($"new.{Guid.NewGuid():N}@example.com", " " + address.ToUpperInvariant()));

        Assert.Equal(address, refused.Address);
        Assert.Equal(first.Id, refused.ContactId);
        Assert.Equal(contactsBefore, await db.Contacts.CountAsync());
    }

    [Fact]
    public async Task The_database_itself_refuses_a_duplicate_address()
    {
        // The unique index is the last line of defence when two intakes race past the check.
        var address = $"race.{Guid.NewGuid():N}@example.com";
        await AddAsync(address);
        await using var db = leads.Open();
        db.Contacts.Add(new Contact { FirstName = "Twin", Emails = [new ContactEmail { Address = address }] });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Deleting_a_contact_in_the_database_removes_its_addresses_and_touches()
    {
        var doomed = await AddAsync($"doomed.{Guid.NewGuid():N}@example.com");
        var kept = await AddAsync($"kept.{Guid.NewGuid():N}@example.com");
        foreach (var contact in new[] { doomed, kept })
        {
            await leads.RecordAsync([new Touch(contact.Id, null, Channel.Note, Direction.None, leads.Clock.UtcNow, TouchKey.ForClient(Guid.NewGuid().ToString()), Origin.Import)]);
        }
        await using var db = leads.Open();

        // A set-based delete bypasses EF's tracking: only the schema's cascade can clean up.
        await db.Contacts.Where(c => c.Id == doomed.Id).ExecuteDeleteAsync();

        Assert.Equal(0, await db.ContactEmails.CountAsync(e => e.ContactId == doomed.Id));
        Assert.Equal(0, await db.Interactions.CountAsync(i => i.ContactId == doomed.Id));
        Assert.Equal(1, await db.ContactEmails.CountAsync(e => e.ContactId == kept.Id));
        Assert.Equal(1, await db.Interactions.CountAsync(i => i.ContactId == kept.Id));
    }

    [Fact]
    public async Task Deleting_a_rep_keeps_their_leads_and_touches_unassigned()
    {
        var rep = await leads.NewRepAsync();
        var contact = await AddAsync($"owned.{Guid.NewGuid():N}@example.com");
        await using (var setup = leads.Open())
        {
            await setup.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerId, rep.Id));
        }
        await leads.RecordAsync([new Touch(contact.Id, rep.Id, Channel.Call, Direction.Outbound, leads.Clock.UtcNow, TouchKey.ForClient(Guid.NewGuid().ToString()), Origin.Api, Outcome.NoAnswer)]);
        await using var db = leads.Open();

        await db.Reps.Where(r => r.Id == rep.Id).ExecuteDeleteAsync();

        Assert.Null((await leads.ReloadAsync(contact.Id)).OwnerId);
        Assert.Null((await db.Interactions.SingleAsync(i => i.ContactId == contact.Id)).RepId);
    }
}
