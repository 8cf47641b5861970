namespace LeadMail.Core.Contacts;

/// <summary>Who may open a lead, to see and edit it: a rep their own leads and the unassigned queue; a manager every lead.</summary>
public static class LeadAccess
{
    public static bool MayOpen(int? ownerId, int repId, bool isManager) =>
        isManager || ownerId == repId || ownerId is null;

    /// <summary>The same rule as a filter the database runs.</summary>
    public static IQueryable<Contact> OpenTo(this IQueryable<Contact> contacts, int repId, bool isManager) =>
        isManager ? contacts : contacts.Where(c => c.OwnerId == repId || c.OwnerId == null);
}
