using LeadMail.Api.Auth;
using LeadMail.Core.Contacts;

namespace LeadMail.Api.Contacts;

public static class ContactVisibility
{
    /// <summary>Reps see the leads they own and the unassigned queue; managers see everything.</summary>
    public static IQueryable<Contact> VisibleTo(this IQueryable<Contact> contacts, Caller caller) =>
        caller.IsManager ? contacts : contacts.Where(c => c.OwnerId == caller.RepId || c.OwnerId == null);
}
