using LeadMail.Core.Interactions;

namespace LeadMail.Core.Persistence;

/// <summary>How the touches report's tallies (<see cref="TouchTally"/>) are stored.</summary>
internal interface ITallyStore
{
    /// <summary>
    /// Adds each change to its tally, creating it when it is new and removing it when it reaches zero, in the
    /// context's transaction: written at once, or staged in the context for its next save.
    /// </summary>
    Task AddAsync(List<KeyValuePair<TallyKey, int>> changes, CancellationToken ct);

    /// <summary>Writes what <see cref="AddAsync"/> staged, for a caller that deletes touches next without saving.</summary>
    Task FlushAsync(CancellationToken ct);

    /// <summary>Counts every tally from the touches, set-based, into an empty tally table.</summary>
    Task RebuildAsync(CancellationToken ct);
}
