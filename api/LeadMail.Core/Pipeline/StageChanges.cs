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
        var change = new StageChange { ContactId = contact.Id, From = contact.Stage, To = to, Reason = reason, ByRepId = byRepId, At = now };
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
}
