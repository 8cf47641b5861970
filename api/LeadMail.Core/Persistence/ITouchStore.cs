using LeadMail.Core.Interactions;

namespace LeadMail.Core.Persistence;

/// <summary>How the ingest finds and writes touches, in the context's transaction.</summary>
internal interface ITouchStore
{
    /// <summary>The stored touches among the page's (contact, key) pairs, tracked so a refresh can update them.</summary>
    Task<Dictionary<(int ContactId, string NaturalKey), Interaction>> StoredAsync(List<(int ContactId, string Key)> pairs, CancellationToken ct);

    /// <summary>
    /// Writes the new touches with their ids set by the time the context's next save ends. A store may write
    /// them at once without tracking them (their later changes are then the caller's to write), or add them
    /// to the context; a lost race on a natural key surfaces as a <see cref="Microsoft.EntityFrameworkCore.DbUpdateException"/> either way.
    /// </summary>
    Task InsertAsync(List<Interaction> added, CancellationToken ct);
}
