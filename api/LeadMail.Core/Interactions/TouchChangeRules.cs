using LeadMail.Core.Consent;

namespace LeadMail.Core.Interactions;

/// <summary>Why a caller may not correct or remove a touch.</summary>
public enum TouchChangeRefusal
{
    /// <summary>The sync worker logged it: the mailbox is its record, and a change there updates it.</summary>
    Synced,

    /// <summary>It went against the contact's consent flags and stays the record of it; a manager may change it.</summary>
    ConsentRecord,

    /// <summary>A rep changes only the touches they logged themselves by hand; imports are a manager's.</summary>
    NotYours,
}

/// <summary>
/// Who may correct or remove a touch: one a person logged (not the sync worker), by the rep who logged it,
/// or any of those by a manager. The endpoints that change a touch and the answers that offer the change
/// both ask here.
/// </summary>
public static class TouchChangeRules
{
    /// <summary>Null when the caller may change the touch; otherwise why not.</summary>
    public static TouchChangeRefusal? Refusal(Origin origin, int? loggedByRepId, ConsentFlag? consentViolation, int callerRepId, bool callerIsManager)
    {
        if (origin == Origin.Sync) return TouchChangeRefusal.Synced;
        if (callerIsManager) return null;
        if (consentViolation is not null) return TouchChangeRefusal.ConsentRecord;
        if (loggedByRepId != callerRepId || origin == Origin.Import) return TouchChangeRefusal.NotYours;
        return null;
    }

    public static bool MayChange(Origin origin, int? loggedByRepId, ConsentFlag? consentViolation, int callerRepId, bool callerIsManager) =>
        Refusal(origin, loggedByRepId, consentViolation, callerRepId, callerIsManager) is null;
}
