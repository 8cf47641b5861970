using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;

namespace LeadMail.Core.Consent;

/// <summary>The contact's wishes about being reached: "if they say not to call, don't call."</summary>
public enum ConsentFlag
{
    DoNotCall,
    DoNotEmail,
    Unsubscribed,
}

public static class ConsentRules
{
    /// <summary>
    /// The flag that forbids this touch, or null. Only touches that reach out to the person count:
    /// an inbound email or a note breaks no promise. Unsubscribed blocks everything but postal mail.
    /// </summary>
    public static ConsentFlag? Blocking(bool doNotCall, bool doNotEmail, bool unsubscribed, Channel channel, Direction direction)
    {
        if (direction == Direction.Inbound || channel == Channel.Note) return null;
        if (unsubscribed && channel != Channel.Letter) return ConsentFlag.Unsubscribed;
        if (doNotCall && channel is Channel.Call or Channel.Voicemail) return ConsentFlag.DoNotCall;
        if (doNotEmail && channel == Channel.Email) return ConsentFlag.DoNotEmail;
        return null;
    }

    public static ConsentFlag? Blocking(Contact contact, Channel channel, Direction direction) =>
        Blocking(contact.DoNotCall, contact.DoNotEmail, contact.Unsubscribed, channel, direction);
}

/// <summary>Thrown when a person logs a touch the contact has refused, without overriding with a reason.</summary>
public sealed class ConsentRefusedException(ConsentFlag flag)
    : Exception($"The contact is flagged {flag}: this touch needs an override reason.")
{
    public ConsentFlag Flag { get; } = flag;
}
