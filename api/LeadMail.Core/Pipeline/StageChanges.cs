using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Pipeline;

public enum StageMoveOutcome
{
    Moved,

    /// <summary>The table has no such move (or the contact is already there).</summary>
    NotAllowed,

    ReasonRequired,

    /// <summary>Reopening won or lost is a manager's call.</summary>
    ManagerOnly,
}

public sealed record StageMoveResult(StageMoveOutcome Outcome, IReadOnlyList<StageMove> Allowed, StageChange? Change = null);

/// <summary>Moves a contact through the pipeline, recording why; a lead back from nurture is routed again.</summary>
public sealed class StageChanges(LeadMailDb db, TimeProvider clock, LeadRouting routing)
{
    public const int ReasonMaxLength = 500;

    /// <summary>Moves a tracked contact; the caller saves (inside a transaction when the move may route the lead).</summary>
    public async Task<StageMoveResult> MoveAsync(Contact contact, Stage to, string? reason, int? byRepId, bool byManager, CancellationToken ct)
    {
        var allowed = StageTransitions.From(contact.Stage).Where(m => byManager || !m.ManagerOnly).ToList();
        var move = StageTransitions.Find(contact.Stage, to);
        if (move is null) return new StageMoveResult(StageMoveOutcome.NotAllowed, allowed);
        if (move.ManagerOnly && !byManager) return new StageMoveResult(StageMoveOutcome.ManagerOnly, allowed);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (move.ReasonRequired && reason is null) return new StageMoveResult(StageMoveOutcome.ReasonRequired, allowed);

        var now = clock.GetUtcNow().UtcDateTime;
        var change = new StageChange
        {
            ContactId = contact.Id, From = contact.Stage, To = to, Reason = reason, ByRepId = byRepId, At = now,
            FromEnteredAt = await EnteredAsync(contact, now, ct),
        };
        db.StageChanges.Add(change);
        var returning = contact.Stage == Stage.Nurture && to == Stage.MarketingQualified;
        contact.Stage = to;
        if (to is Stage.Won or Stage.Lost or Stage.Nurture
            && await db.FollowUps.FirstOrDefaultAsync(f => f.ContactId == contact.Id && f.Kind == FollowUpKind.Cadence && f.CompletedAt == null && f.ClosedAt == null, ct) is { } cadence)
        {
            // Sales stops chasing a closed or returned lead; a promise a person made stays until they withdraw it.
            FollowUpSchedule.Close(cadence, now, byRepId, $"stage {to}");
            contact.NextFollowUpDue = null;
            contact.NextFollowUpNote = null;
        }
        contact.UpdatedAt = now;
        contact.Version++;
        if (returning)
        {
            // Back from marketing: the routing rules decide who works it now; no match puts it in the queue.
            var decision = await routing.RouteAsync(contact, ct);
            routing.Assign(contact, decision?.RepId, decision is null ? AssignmentCause.NoRuleMatched : AssignmentCause.Rule,
                decision?.RuleId, byRepId, "returned from nurture");
        }
        return new StageMoveResult(StageMoveOutcome.Moved, allowed, change);
    }

    /// <summary>
    /// When the contact entered the stage it is in: its latest change into that stage (saved, or still
    /// pending in this unit of work), one seek on StageChanges(ContactId, To, At). Recorded on the
    /// change that leaves the stage, so time in stage is read, not searched for, by the pipeline report.
    /// </summary>
    private async Task<DateTime?> EnteredAsync(Contact contact, DateTime now, CancellationToken ct)
    {
        var stage = contact.Stage;
        var stored = await db.StageChanges.Where(p => p.ContactId == contact.Id && p.To == stage && p.At <= now).MaxAsync(p => (DateTime?)p.At, ct);
        var pending = db.StageChanges.Local.Where(p => (p.ContactId == contact.Id || p.Contact == contact) && p.To == stage && p.At <= now).Max(p => (DateTime?)p.At);
        return new[] { stored, pending }.Max();
    }

    /// <summary>
    /// Fills <see cref="StageChange.FromEnteredAt"/> from the history, set-based (the same rule as
    /// <see cref="MoveAsync"/>: the latest earlier change into the stage left): for rows written without
    /// this class, such as the benchmark dataset's.
    /// </summary>
    public static Task<int> RecordEntriesAsync(LeadMailDb db, CancellationToken ct)
    {
        var all = db.StageChanges;
        return db.StageChanges.Where(s => s.From != null).ExecuteUpdateAsync(set => set.SetProperty(s => s.FromEnteredAt,
            s => all.Where(p => p.ContactId == s.ContactId && p.To == s.From && p.At <= s.At && p.Id < s.Id).Max(p => (DateTime?)p.At)), ct);
    }
}
