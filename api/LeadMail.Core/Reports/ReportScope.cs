using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Pipeline;

namespace LeadMail.Core.Reports;

/// <summary>Whose figures a report counts: one rep, the unassigned queue, or the whole team.</summary>
public abstract record ReportOwner
{
    public sealed record Team : ReportOwner;

    public sealed record Rep(int RepId) : ReportOwner;

    public sealed record Unassigned : ReportOwner;
}

/// <summary>
/// A report's filters. The owner means the contact's owner for contact figures and the rep who made
/// the touch for touch figures; source, interest and region are always the contact's.
/// </summary>
public sealed record ReportScope(ReportOwner Owner, string? Source = null, string? Interest = null, string? Region = null)
{
    public static ReportScope TeamWide { get; } = new(new ReportOwner.Team());

    public IQueryable<Contact> Apply(IQueryable<Contact> contacts)
    {
        contacts = Owner switch
        {
            ReportOwner.Rep rep => contacts.Where(c => c.OwnerId == rep.RepId),
            ReportOwner.Unassigned => contacts.Where(c => c.OwnerId == null),
            _ => contacts,
        };
        if (Source is { } source) contacts = contacts.Where(c => c.Source == source);
        if (Interest is { } interest) contacts = contacts.Where(c => c.Interest == interest);
        if (Region is { } region) contacts = contacts.Where(c => c.Region == region);
        return contacts;
    }

    /// <param name="contacts">The contacts table, for the filters that are the contact's.</param>
    public IQueryable<Interaction> Apply(IQueryable<Interaction> touches, IQueryable<Contact> contacts)
    {
        touches = Owner switch
        {
            ReportOwner.Rep rep => touches.Where(i => i.RepId == rep.RepId),
            ReportOwner.Unassigned => touches.Where(i => i.RepId == null),
            _ => touches,
        };
        if (Source is null && Interest is null && Region is null) return touches;

        // "ContactId IN (matching contacts)" rather than a join: the database lists the few matching
        // contacts once and reads their touches by (ContactId, OccurredAt), instead of looking up the
        // contact of every touch in the period.
        var matching = contacts;
        if (Source is { } source) matching = matching.Where(c => c.Source == source);
        if (Interest is { } interest) matching = matching.Where(c => c.Interest == interest);
        if (Region is { } region) matching = matching.Where(c => c.Region == region);
        var ids = matching.Select(c => c.Id);
        return touches.Where(i => ids.Contains(i.ContactId));
    }

    /// <summary>Stage changes of the contacts in scope (the owner is the contact's): ContactId IN (matching contacts), nothing added team-wide.</summary>
    public IQueryable<StageChange> Apply(IQueryable<StageChange> changes, IQueryable<Contact> contacts)
    {
        if (Owner is ReportOwner.Team && Source is null && Interest is null && Region is null) return changes;
        var ids = Apply(contacts).Select(c => c.Id);
        return changes.Where(s => ids.Contains(s.ContactId));
    }
}
