using LeadMail.Core.FollowUps;
using LeadMail.Core.Persistence;
using LeadMail.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Contacts;

/// <summary>What an edit of a lead's fields asks for beyond the fields themselves.</summary>
/// <param name="Addresses">Every address, primary first, as given.</param>
/// <param name="PrioritySetByHand">True when the edit names a priority, false when it hands the priority back to the score, null when it leaves it.</param>
/// <param name="FollowUpDue">The promised follow-up, null for none.</param>
public sealed record ContactEdit(IReadOnlyList<string> Addresses, bool? PrioritySetByHand, DateTime? FollowUpDue, string? FollowUpNote);

/// <summary>
/// What saving an edited lead does besides storing its fields: its addresses stay its own (one person, one
/// lead), a priority not set by hand follows the score, a changed follow-up is scheduled or withdrawn with its
/// history, and the version moves on so that an edit made meanwhile by someone else is detected.
/// </summary>
public sealed class ContactEdits(LeadMailDb db, FollowUpSchedule followUps, LeadScore score, TimeProvider clock)
{
    /// <param name="contact">The tracked contact, with its addresses loaded.</param>
    /// <param name="copyFields">Copies the edit's plain fields onto the contact.</param>
    /// <exception cref="EmailAlreadyKnownException">An address belongs to another contact; nothing is saved.</exception>
    public async Task SaveAsync(Contact contact, Action<Contact> copyFields, ContactEdit edit, int byRepId, CancellationToken ct)
    {
        if (await AddressHeldElsewhereAsync(contact.Id, edit.Addresses, ct) is { } taken) throw new EmailAlreadyKnownException(taken.Address, taken.ContactId);

        var createdAt = contact.CreatedAt;
        var prioritySetByHand = contact.PrioritySetByHand;
        var (dueBefore, noteBefore) = (contact.NextFollowUpDue, contact.NextFollowUpNote);
        copyFields(contact);
        SetAddresses(contact, edit.Addresses);
        contact.CreatedAt = createdAt;
        contact.PrioritySetByHand = edit.PrioritySetByHand ?? prioritySetByHand;
        if (!contact.PrioritySetByHand) contact.Priority = score.PriorityFor(contact.Score);
        var due = edit.FollowUpDue?.ToUniversalTime();
        if (due != dueBefore || edit.FollowUpNote != noteBefore)
        {
            if (due is { } at) await followUps.SetAsync(contact, at, edit.FollowUpNote, channel: null, byRepId, ct);
            else await followUps.CancelAsync(contact, byRepId, ct);
        }
        contact.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        contact.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException failed) when (failed is not DbUpdateConcurrencyException)
        {
            // Another request gave one of these addresses to another contact between the check and the save.
            if (await AddressHeldElsewhereAsync(contact.Id, edit.Addresses, ct) is not { } raced) throw;
            throw new EmailAlreadyKnownException(raced.Address, raced.ContactId);
        }
    }

    /// <summary>Makes the contact's addresses these, normalised, keeping rows that stay (and their ids); the first is the primary.</summary>
    public static void SetAddresses(Contact contact, IEnumerable<string> addresses)
    {
        var wanted = addresses.Select(EmailAddress.Normalize).Distinct().ToList();
        contact.Emails.RemoveAll(e => !wanted.Contains(e.Address));
        foreach (var address in wanted.Where(a => contact.Emails.All(e => e.Address != a)))
            contact.Emails.Add(new ContactEmail { Address = address });
        foreach (var email in contact.Emails) email.IsPrimary = wanted.Count > 0 && email.Address == wanted[0];
    }

    private async Task<ContactEmail?> AddressHeldElsewhereAsync(int contactId, IEnumerable<string> given, CancellationToken ct)
    {
        var addresses = given.Select(EmailAddress.Normalize).ToList();
        return await db.ContactEmails.AsNoTracking().FirstOrDefaultAsync(e => addresses.Contains(e.Address) && e.ContactId != contactId, ct);
    }
}
