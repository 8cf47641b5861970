using LeadMail.Core.Persistence;

namespace LeadMail.Core.Contacts;

public static class ContactSearch
{
    /// <summary>
    /// The contacts whose first name, last name or company contains <paramref name="term"/> in any case and in
    /// any script, or one of whose addresses contains it; the provider decides how it compares.
    /// </summary>
    public static IQueryable<Contact> Containing(this IQueryable<Contact> contacts, LeadMailDb db, string term) =>
        db.Stores.Search.Containing(contacts, term);
}
