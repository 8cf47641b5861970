using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.FollowUps;

/// <summary>
/// Promises made by people: set, replace, keep or withdraw a contact's one open follow-up, keeping the
/// contact's NextFollowUp fields (what the pane reads) equal to it. The caller saves.
/// </summary>
public sealed class FollowUpSchedule(LeadMailDb db, TimeProvider clock)
{
    public const int NoteMaxLength = 500;

    public Task<FollowUp?> OpenAsync(int contactId, CancellationToken ct) =>
        db.FollowUps.FirstOrDefaultAsync(f => f.ContactId == contactId && f.CompletedAt == null && f.ClosedAt == null, ct);

    /// <summary>Replaces the open follow-up (if any) with a new one due at <paramref name="dueAt"/>.</summary>
    public async Task<FollowUp> SetAsync(Contact contact, DateTime dueAt, string? note, Channel? channel, int? byRepId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await OpenAsync(contact.Id, ct) is { } open) Close(open, now, byRepId, "replaced");
        var followUp = new FollowUp
        {
            ContactId = contact.Id,
            DueAt = dueAt,
            Note = note,
            Channel = channel,
            Kind = FollowUpKind.Manual,
            CreatedByRepId = byRepId,
            CreatedAt = now,
        };
        db.FollowUps.Add(followUp);
        contact.NextFollowUpDue = dueAt;
        contact.NextFollowUpNote = note;
        return followUp;
    }

    /// <summary>Withdraws the open follow-up; false when there was none.</summary>
    public async Task<bool> CancelAsync(Contact contact, int? byRepId, CancellationToken ct)
    {
        contact.NextFollowUpDue = null;
        contact.NextFollowUpNote = null;
        if (await OpenAsync(contact.Id, ct) is not { } open) return false;
        Close(open, clock.GetUtcNow().UtcDateTime, byRepId, "withdrawn");
        return true;
    }

    /// <summary>
    /// Records the open follow-up as kept now, by <paramref name="byRepId"/> (a rep who reached out in a way
    /// nothing logged): the follow-ups report counts it done, on time or late, not withdrawn. Null when none is open.
    /// </summary>
    public async Task<FollowUp?> CompleteAsync(Contact contact, int? byRepId, CancellationToken ct)
    {
        if (await OpenAsync(contact.Id, ct) is not { } open) return null;
        open.CompletedAt = clock.GetUtcNow().UtcDateTime;
        open.CompletedByRepId = byRepId;
        contact.NextFollowUpDue = null;
        contact.NextFollowUpNote = null;
        return open;
    }

    internal static void Close(FollowUp followUp, DateTime at, int? byRepId, string reason)
    {
        followUp.ClosedAt = at;
        followUp.ClosedByRepId = byRepId;
        followUp.ClosedReason = reason;
    }
}
