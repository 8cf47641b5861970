using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Reports;

/// <summary>
/// The keys database-health groups contacts by to find possible duplicates (their columns:
/// <c>Persistence/Configurations/DuplicateKeyConfiguration</c>).
/// </summary>
public static class DuplicateKeys
{
    /// <summary>
    /// The SQLite migration that made the name key a plain column kept its values from SQLite's lower(),
    /// which left letters beyond ASCII as they were; after applying it, <see cref="FoldNameKeysAsync"/> sets them.
    /// </summary>
    internal static bool NameKeysNeedFolding(string migrationId) => migrationId.EndsWith("_NameKeyEveryScript", StringComparison.Ordinal);

    /// <summary>Sets every contact's name key to <see cref="Contact.NameKeyOf"/> where it differs: once, after that migration.</summary>
    internal static Task<int> FoldNameKeysAsync(LeadMailDb db, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            var contacts = await db.Contacts.AsNoTracking()
                .Select(c => new { c.Id, c.FirstName, c.LastName, c.Company, c.NameKey })
                .ToListAsync(token);
            var folded = 0;
            foreach (var contact in contacts)
            {
                var key = Contact.NameKeyOf(contact.FirstName, contact.LastName, contact.Company);
                if (key == contact.NameKey) continue;
                folded += await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.NameKey, key), token);
            }
            return folded;
        }, ct);
}
