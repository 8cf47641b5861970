using LeadMail.Core.Contacts;

namespace LeadMail.Core.Consent;

/// <summary>One consent flag set or cleared on a contact, by whom and when: the consent history a manager reads.</summary>
public sealed class ConsentChange
{
    public long Id { get; set; }
    public int ContactId { get; set; }
    public Contact? Contact { get; set; }
    public ConsentFlag Flag { get; set; }

    /// <summary>The flag's value after the change: true when the contact asked not to be reached that way.</summary>
    public bool Value { get; set; }

    public int? ByRepId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>The contact's three consent flags at one moment.</summary>
public readonly record struct ConsentFlags(bool DoNotCall, bool DoNotEmail, bool Unsubscribed)
{
    public static ConsentFlags Of(Contact contact) => new(contact.DoNotCall, contact.DoNotEmail, contact.Unsubscribed);
}

public static class ConsentHistory
{
    /// <summary>
    /// The history rows for every flag that differs between <paramref name="before"/> and the contact as it is now;
    /// added to the context for the caller to save with the contact.
    /// </summary>
    public static int Record(Persistence.LeadMailDb db, Contact contact, ConsentFlags before, int? byRepId, DateTime at)
    {
        var changes = new List<(ConsentFlag Flag, bool Value)>(3);
        if (contact.DoNotCall != before.DoNotCall) changes.Add((ConsentFlag.DoNotCall, contact.DoNotCall));
        if (contact.DoNotEmail != before.DoNotEmail) changes.Add((ConsentFlag.DoNotEmail, contact.DoNotEmail));
        if (contact.Unsubscribed != before.Unsubscribed) changes.Add((ConsentFlag.Unsubscribed, contact.Unsubscribed));
        foreach (var (flag, value) in changes)
            db.ConsentChanges.Add(new ConsentChange { Contact = contact, Flag = flag, Value = value, ByRepId = byRepId, At = at });
        return changes.Count;
    }
}
