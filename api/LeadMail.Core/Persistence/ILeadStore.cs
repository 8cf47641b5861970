using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.Pipeline;

namespace LeadMail.Core.Persistence;

/// <summary>How many new leads are written at once (an import's batch), in the context's transaction.</summary>
internal interface ILeadStore
{
    /// <summary>
    /// Writes the new contacts with their addresses, and the creation stage records and assignment audits that point
    /// at them (by their <c>Contact</c>), with every id set by the time the context's next save ends. A store may write
    /// them at once without tracking them, or add them to the context for that save; a taken address surfaces as a
    /// <see cref="Microsoft.EntityFrameworkCore.DbUpdateException"/> either way.
    /// </summary>
    Task InsertAsync(IReadOnlyList<Contact> contacts, IReadOnlyList<StageChange> stages, IReadOnlyList<OwnerAssignment> assignments, CancellationToken ct);
}
