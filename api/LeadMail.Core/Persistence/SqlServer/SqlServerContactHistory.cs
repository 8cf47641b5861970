using LeadMail.Core.Interactions;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Persistence.SqlServer;

/// <summary>
/// SQL Server: the batch's contacts read through the model, and every contact brought up to date from its
/// whole history (read by the effects through the model), so the nearby reads are not served.
/// </summary>
internal sealed class SqlServerContactHistory(LeadMailDb db) : IContactHistory
{
    public bool ReadsNearby => false;

    public Task<Dictionary<int, TouchedContact>> ContactsAsync(IReadOnlyCollection<int> contactIds, CancellationToken ct) =>
        ThroughModelAsync(db, contactIds, ct);

    /// <summary>The read through EF Core, on any provider: the definition SQLite's hand-written read is tested against.</summary>
    internal static async Task<Dictionary<int, TouchedContact>> ThroughModelAsync(LeadMailDb db, IReadOnlyCollection<int> contactIds, CancellationToken ct)
    {
        var ids = contactIds.ToList();
        // The ids as one JSON parameter (json_each, OPENJSON), not one parameter each: a sync page names
        // hundreds of contacts, and binding that many parameters cost more than the query itself.
        return await db.Contacts.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id))
            .Select(c => new TouchedContact(c.Id, c.DoNotCall, c.DoNotEmail, c.Unsubscribed, c.Stage, c.PrioritySetByHand, c.Priority, c.ScoreBase,
                new TouchCounters(c.TouchesTotal, c.LastTouchAt, c.LastInboundAt, c.FirstConnectAt, c.TouchesBeforeConnect, c.OutboundSinceConnect)))
            .ToDictionaryAsync(c => c.Id, ct);
    }

    public Task<Dictionary<int, ConnectSummary>> ConnectsAsync(
        IReadOnlyCollection<(int ContactId, DateTime? NewFirstConnect)> contacts, DateTime horizon, CancellationToken ct) =>
        throw new NotSupportedException("SQL Server contacts are brought up to date from their whole histories.");

    public Task<List<HistoryTouch>> WindowAsync(IEnumerable<(int ContactId, DateTime From, DateTime To)> ranges, CancellationToken ct) =>
        throw new NotSupportedException("SQL Server contacts are brought up to date from their whole histories.");
}
