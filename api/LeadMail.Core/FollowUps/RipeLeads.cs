using LeadMail.Core.Contacts;

namespace LeadMail.Core.FollowUps;

/// <summary>
/// Leads ripe for a touch: not won or lost, not unsubscribed, and untouched since the cutoff (a lead
/// never touched counts from when it came in). One definition for the ripe list and the follow-ups report.
/// </summary>
public static class RipeLeads
{
    public static IQueryable<Contact> UntouchedSince(this IQueryable<Contact> contacts, DateTime cutoffUtc) => contacts
        .Where(c => c.Stage != Stage.Won && c.Stage != Stage.Lost && !c.Unsubscribed)
        .Where(c => c.QuietSince < cutoffUtc);
}
