using LeadMail.Core.Interactions;

namespace LeadMail.Core.Persistence;

/// <summary>
/// Writes per-contact values that differ from contact to contact (so one ExecuteUpdate cannot carry
/// them): the counters and the derived fields of every contact a batch of touches changed. Bypasses the
/// change tracker: the ingest's counters and derived fields never bump the contact's Version.
/// </summary>
internal interface IDerivedFieldWrites
{
    Task WriteAsync(IReadOnlyList<DerivedFields> rows, CancellationToken ct);
}
