using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Persistence.Sqlite;

/// <summary>
/// SQLite: new leads written at once with prepared inserts (<see cref="SqliteInserts"/>), untracked: the contacts first,
/// then their addresses, stage records and assignment audits with the contacts' keys. Writing through EF Core's change
/// tracker costs several times the inserts themselves for an import's thousands of rows.
/// </summary>
internal sealed class SqliteLeadStore(LeadMailDb db) : ILeadStore
{
    public async Task InsertAsync(IReadOnlyList<Contact> contacts, IReadOnlyList<StageChange> stages, IReadOnlyList<OwnerAssignment> assignments, CancellationToken ct)
    {
        try
        {
            await SqliteInserts.InsertAsync(db, contacts, (contact, id) => contact.Id = (int)id, ct);
            var emails = new List<ContactEmail>();
            foreach (var contact in contacts)
            {
                foreach (var email in contact.Emails)
                {
                    email.ContactId = contact.Id;
                    emails.Add(email);
                }
            }
            await SqliteInserts.InsertAsync(db, emails, (email, id) => email.Id = (int)id, ct);
            foreach (var stage in stages) stage.ContactId = stage.Contact!.Id;
            await SqliteInserts.InsertAsync(db, stages, (stage, id) => stage.Id = id, ct);
            foreach (var assignment in assignments) assignment.ContactId = assignment.Contact!.Id;
            await SqliteInserts.InsertAsync(db, assignments, (assignment, id) => assignment.Id = id, ct);
        }
        catch (SqliteException unique) when (unique.SqliteExtendedErrorCode is 2067 or 1555)
        {
            // An address another writer took: reported as EF Core's own save would (UniqueKeyRaces reads it the same way).
            throw new DbUpdateException(unique.Message, unique);
        }
    }
}
