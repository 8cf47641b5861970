using LeadMail.Api.Auth;
using LeadMail.Core.Contacts;

namespace LeadMail.Api.Contacts;

/// <summary><see cref="LeadAccess"/> for the caller of a request.</summary>
public static class ContactVisibility
{
    public static IQueryable<Contact> VisibleTo(this IQueryable<Contact> contacts, Caller caller) =>
        contacts.OpenTo(caller.RepId, caller.IsManager);

    /// <summary>For one contact already found (the lookup finds by unique address, then checks).</summary>
    public static bool CanSee(this Caller caller, int? ownerId) => LeadAccess.MayOpen(ownerId, caller.RepId, caller.IsManager);
}
