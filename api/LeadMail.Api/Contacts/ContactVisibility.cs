using LeadMail.Api.Auth;
using LeadMail.Core.Contacts;

namespace LeadMail.Api.Contacts;

public static class ContactVisibility
{
    /// <summary>Reps see the leads they own and the unassigned queue; managers see everything.</summary>
    public static IQueryable<Contact> VisibleTo(this IQueryable<Contact> contacts, Caller caller) =>
        caller.IsManager ? contacts : contacts.Where(c => c.OwnerId == caller.RepId || c.OwnerId == null);

    /// <summary>The same rule for one contact already found (the lookup finds by unique address, then checks).</summary>
    public static bool CanSee(this Caller caller, int? ownerId) =>
        caller.IsManager || ownerId == caller.RepId || ownerId is null;
}
