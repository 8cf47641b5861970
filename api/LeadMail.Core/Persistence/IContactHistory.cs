using LeadMail.Core.Interactions;

namespace LeadMail.Core.Persistence;

/// <summary>What the touch effects read of a batch's contacts and their histories.</summary>
internal interface IContactHistory
{
    /// <summary>The contacts as they stand before the batch, by primary key; ids that name no contact are left out.</summary>
    Task<Dictionary<int, TouchedContact>> ContactsAsync(IReadOnlyCollection<int> contactIds, CancellationToken ct);

    /// <summary>
    /// Whether <see cref="ConnectsAsync"/> and <see cref="WindowAsync"/> are served, so a contact that only gained
    /// touches is brought up to date from the touches near the new ones (<see cref="NearbyTouches"/>) rather than
    /// from its whole history.
    /// </summary>
    bool ReadsNearby { get; }

    /// <summary>What the counters need of each contact's history beyond its stored counters, the new touches stored.</summary>
    /// <param name="contacts">Each contact, with its new first connect when the new touches moved it earlier.</param>
    Task<Dictionary<int, ConnectSummary>> ConnectsAsync(
        IReadOnlyCollection<(int ContactId, DateTime? NewFirstConnect)> contacts, DateTime horizon, CancellationToken ct);

    /// <summary>Each contact's touches from <c>From</c> to <c>To</c>, both included.</summary>
    Task<List<HistoryTouch>> WindowAsync(IEnumerable<(int ContactId, DateTime From, DateTime To)> ranges, CancellationToken ct);
}
