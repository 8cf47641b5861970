using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Contacts;

/// <summary>Thrown when an address already belongs to another contact: one person, one lead.</summary>
public sealed class EmailAlreadyKnownException(string address, int contactId)
    : Exception($"The address {address} already belongs to contact {contactId}.")
{
    public string Address { get; } = address;
    public int ContactId { get; } = contactId;
}

/// <summary>
/// How a new lead enters the database, whoever brings it (the API, the add-in, the sync worker):
/// addresses normalised and unique, timestamps set, owner as given.
/// </summary>
public sealed class LeadIntake(LeadMailDb db, TimeProvider clock)
{
    /// <param name="contact">The new contact; its <see cref="Contact.Emails"/> may hold un-normalised addresses.</param>
    public async Task<Contact> AddAsync(Contact contact, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        contact.CreatedAt = now;
        contact.UpdatedAt = now;
        contact.Version = 1;
        NormalizeEmails(contact.Emails);

        var addresses = contact.Emails.Select(e => e.Address).ToList();
        var taken = await db.ContactEmails.AsNoTracking()
            .Where(e => addresses.Contains(e.Address))
            .Select(e => new { e.Address, e.ContactId })
            .FirstOrDefaultAsync(ct);
        if (taken is not null) throw new EmailAlreadyKnownException(taken.Address, taken.ContactId);

        db.Contacts.Add(contact);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request may have added the same address between our check and our insert.
            db.Entry(contact).State = EntityState.Detached;
            foreach (var email in contact.Emails) db.Entry(email).State = EntityState.Detached;
            var raced = await db.ContactEmails.AsNoTracking().Where(e => addresses.Contains(e.Address)).FirstOrDefaultAsync(ct);
            if (raced is null) throw;
            throw new EmailAlreadyKnownException(raced.Address, raced.ContactId);
        }
        return contact;
    }

    /// <summary>Trims, lower-cases and de-duplicates addresses; the first becomes primary when none is.</summary>
    public static void NormalizeEmails(List<ContactEmail> emails)
    {
        var seen = new HashSet<string>();
        emails.RemoveAll(e => !seen.Add(e.Address = EmailAddress.Normalize(e.Address)));
        if (emails.Count > 0 && !emails.Any(e => e.IsPrimary)) emails[0].IsPrimary = true;
        var primaryFound = false;
        foreach (var email in emails)
        {
            // Exactly one primary address.
            if (email.IsPrimary && primaryFound) email.IsPrimary = false;
            primaryFound |= email.IsPrimary;
        }
    }
}
