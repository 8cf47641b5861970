using LeadMail.Api.Auth;
using LeadMail.Api.Web;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Contacts;

/// <summary>The contacts list's filters, shared by the list and its CSV export so both select the same leads.</summary>
public static class ContactListFilter
{
    /// <summary>Narrows <paramref name="contacts"/> by the list's query parameters; a bad value is added to <paramref name="errors"/>.</summary>
    public static IQueryable<Contact> Apply(IQueryable<Contact> contacts, Caller caller, LeadMailDb db, FieldErrors errors,
        string? stage, string? owner, string? source, string? interest, string? q, DateTime? followUpDueBefore)
    {
        errors.Utc("followUpDueBefore", followUpDueBefore);
        errors.MaxLength("q", q, 200);

        if (stage is not null)
        {
            if (ApiJson.TryParseEnum<Stage>(stage, out var s)) contacts = contacts.Where(c => c.Stage == s);
            else errors.Add("stage", $"Unknown stage '{stage}'. Use one of: {string.Join(", ", Enum.GetValues<Stage>().Select(ApiJson.Name))}.");
        }
        if (owner is not null)
        {
            if (owner == "me") contacts = contacts.Where(c => c.OwnerId == caller.RepId);
            else if (owner == "unassigned") contacts = contacts.Where(c => c.OwnerId == null);
            else if (int.TryParse(owner, out var ownerId)) contacts = contacts.Where(c => c.OwnerId == ownerId);
            else errors.Add("owner", "owner is 'me', 'unassigned' or a rep id.");
        }

        if (source is not null) contacts = contacts.Where(c => c.Source == source);
        if (interest is not null) contacts = contacts.Where(c => c.Interest == interest);
        if (followUpDueBefore is { } due) contacts = contacts.Where(c => c.NextFollowUpDue != null && c.NextFollowUpDue < due);
        if (!string.IsNullOrWhiteSpace(q)) contacts = contacts.Containing(db, q);
        return contacts;
    }
}
