using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;

namespace LeadMail.Api.Lookup;

/// <summary>The task pane's one round trip for a participant of the open email or meeting.</summary>
public sealed record ContactLookupDto
{
    /// <summary>Always "full": the caller may open this contact; a colleague's lead answers <see cref="RestrictedLookupDto"/>.</summary>
    public string Access { get; init; } = ContactAccess.Full;

    public required ContactDto Contact { get; init; }

    /// <summary>The latest 20 touches, newest first, each saying whether the caller may change it.</summary>
    public required IReadOnlyList<InteractionDto> Interactions { get; init; }

    public DateTime? NextFollowUpDue { get; init; }
    public string? NextFollowUpNote { get; init; }
    public bool FollowUpOverdue { get; init; }

    public bool DoNotCall { get; init; }
    public bool DoNotEmail { get; init; }
    public bool Unsubscribed { get; init; }

    /// <summary>Touches of any direction in the last 7 days.</summary>
    public int TouchesLast7Days { get; init; }

    /// <summary>Outbound touches in the last 7 days: what the frequency cap counts.</summary>
    public int OutboundTouchesLast7Days { get; init; }

    /// <summary>The frequency cap (configurable; default 3 outbound touches in 7 days) and whether it is reached: the pane shows it as given.</summary>
    public required FrequencyCapDto FrequencyCap { get; init; }

    /// <summary>When the pane passed the open message's internetMessageId: whether it is already logged as a touch.</summary>
    public bool? MessageLogged { get; init; }

    /// <summary>
    /// True while the sync worker is still fetching the past mail and meetings of one of the contact's addresses from the
    /// synced mailboxes (a new contact, or a new address): the timeline fills in as it goes, so the pane asks again.
    /// </summary>
    public bool HistoryFetching { get; init; }
}
