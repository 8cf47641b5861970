using LeadMail.Core.Contacts;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Persistence;

/// <summary>
/// The search with LIKE, as every provider runs it. Addresses are stored lower-cased, so the lower-cased
/// term finds them; SQL Server's usual collations ignore the case of names in every script.
/// </summary>
internal sealed class LikeContactSearch : IContactSearch
{
    public IQueryable<Contact> Containing(IQueryable<Contact> contacts, string term)
    {
        var emailPattern = EmailPattern(term);
        var pattern = LikeContaining(term.Trim());
        return contacts.Where(c =>
            EF.Functions.Like(c.FirstName!, pattern, "\\") || EF.Functions.Like(c.LastName!, pattern, "\\")
            || EF.Functions.Like(c.Company!, pattern, "\\")
            || c.Emails.Any(e => EF.Functions.Like(e.Address, emailPattern, "\\")));
    }

    /// <summary>The pattern for the addresses: the term as an address is stored, anywhere.</summary>
    public static string EmailPattern(string term) => LikeContaining(EmailAddress.Normalize(term));

    /// <summary>For LIKE with <c>\</c> as the escape character: the term anywhere, its % and _ literal.</summary>
    public static string LikeContaining(string term) =>
        "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
