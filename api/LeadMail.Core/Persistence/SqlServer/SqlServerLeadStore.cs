using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.Pipeline;

namespace LeadMail.Core.Persistence.SqlServer;

/// <summary>SQL Server: the new leads added to the context, whose save batches the inserts into few round trips.</summary>
internal sealed class SqlServerLeadStore(LeadMailDb db) : ILeadStore
{
    public Task InsertAsync(IReadOnlyList<Contact> contacts, IReadOnlyList<StageChange> stages, IReadOnlyList<OwnerAssignment> assignments, CancellationToken ct)
    {
        db.Contacts.AddRange(contacts);
        db.StageChanges.AddRange(stages);
        db.OwnerAssignments.AddRange(assignments);
        return Task.CompletedTask;
    }
}
