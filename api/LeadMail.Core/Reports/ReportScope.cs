using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;

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

    public IQueryable<Interaction> Apply(IQueryable<Interaction> touches)
    {
        touches = Owner switch
        {
            ReportOwner.Rep rep => touches.Where(i => i.RepId == rep.RepId),
            ReportOwner.Unassigned => touches.Where(i => i.RepId == null),
            _ => touches,
        };
        // Only filters on the contact pay for the join to it.
        if (Source is { } source) touches = touches.Where(i => i.Contact!.Source == source);
        if (Interest is { } interest) touches = touches.Where(i => i.Contact!.Interest == interest);
        if (Region is { } region) touches = touches.Where(i => i.Contact!.Region == region);
        return touches;
    }
}
