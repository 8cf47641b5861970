using LeadMail.Core.Contacts;

namespace LeadMail.Core.Persistence;

/// <summary>The list's free-text filter: contacts whose name, company or an address contains a term, ignoring case.</summary>
internal interface IContactSearch
{
    IQueryable<Contact> Containing(IQueryable<Contact> contacts, string term);
}
