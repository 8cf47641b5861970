using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Core.Assignment;

/// <summary>Why a lead may not be given to the owner asked for.</summary>
public enum AssignmentRefusal
{
    None,

    /// <summary>A rep takes a lead or leaves it in the queue; giving it to someone else, or routing it again, is a manager's.</summary>
    OnlyAManager,

    /// <summary>Leads go to active reps only.</summary>
    NoActiveRep,
}

/// <summary>Who may give a lead to whom, for an assignment and for an owner named when a lead is written.</summary>
public static class AssignmentPermissions
{
    /// <param name="toRepId">The new owner; null for the unassigned queue.</param>
    /// <param name="route">Whether the routing rules are to pick the owner.</param>
    public static async Task<AssignmentRefusal> CheckAsync(
        LeadMailDb db, int byRepId, bool byManager, int? toRepId, bool route, CancellationToken ct)
    {
        if (!byManager && (route || toRepId is { } other && other != byRepId)) return AssignmentRefusal.OnlyAManager;
        if (toRepId is { } repId && !await db.Reps.AnyAsync(r => r.Id == repId && r.Active, ct)) return AssignmentRefusal.NoActiveRep;
        return AssignmentRefusal.None;
    }
}
