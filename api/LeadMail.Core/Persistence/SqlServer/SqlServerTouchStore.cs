using LeadMail.Core.Interactions;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Persistence.SqlServer;

/// <summary>SQL Server: stored touches found through the model, new ones added to the context (EF Core batches their inserts into few round trips).</summary>
internal sealed class SqlServerTouchStore(LeadMailDb db) : ITouchStore
{
    public async Task<Dictionary<(int ContactId, string NaturalKey), Interaction>> StoredAsync(List<(int ContactId, string Key)> pairs, CancellationToken ct)
    {
        // Two steps, because "ContactId IN (…) AND NaturalKey IN (…)" on the unique index probes every
        // contact with every key (800 × 1,000 per sync page, a third of its commit). Comparing the key as
        // an expression instead walks each contact's entries of that index once, reading nothing but the
        // index (only the ids are selected); the few rows that match are then loaded by primary key.
        var contactIds = pairs.Select(p => p.ContactId).Distinct().ToList();
        var keys = pairs.Select(p => p.Key).Distinct().ToList();
        var matches = await db.Interactions
            .Where(i => contactIds.Contains(i.ContactId) && keys.Contains(i.NaturalKey + ""))
            .Select(i => i.Id)
            .ToListAsync(ct);
        if (matches.Count == 0) return [];
        return await db.Interactions.Where(i => matches.Contains(i.Id)).ToDictionaryAsync(i => (i.ContactId, i.NaturalKey), ct);
    }

    public Task InsertAsync(List<Interaction> added, CancellationToken ct)
    {
        db.Interactions.AddRange(added);
        return Task.CompletedTask;
    }
}
