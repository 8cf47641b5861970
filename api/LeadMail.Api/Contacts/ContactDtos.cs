using LeadMail.Api.Interactions;
using LeadMail.Api.Web;
using LeadMail.Core.Contacts;

namespace LeadMail.Api.Contacts;

/// <summary>A contact as the API shows it.</summary>
public sealed record ContactDto
{
    public int Id { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string DisplayName { get; init; } = "";

    /// <summary>The primary address.</summary>
    public string? Email { get; init; }

    /// <summary>Every address, primary first.</summary>
    public List<string> Emails { get; init; } = [];

    public string? Company { get; init; }
    public string? Title { get; init; }
    public string? Phone { get; init; }
    public string? MobilePhone { get; init; }
    public string? Street { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }
    public string? Background { get; init; }
    public string? Source { get; init; }
    public DateOnly? FirstMetOn { get; init; }
    public string? Interest { get; init; }
    public Stage Stage { get; init; }
    public Priority Priority { get; init; }

    /// <summary>False when the priority follows the score's thresholds.</summary>
    public bool PrioritySetByHand { get; init; }

    public double Score { get; init; }
    public int? OwnerId { get; init; }
    public string? OwnerName { get; init; }
    public bool DoNotCall { get; init; }
    public bool DoNotEmail { get; init; }
    public bool Unsubscribed { get; init; }
    public DateTime? NextFollowUpDue { get; init; }
    public string? NextFollowUpNote { get; init; }
    public DateTime? LastTouchAt { get; init; }
    public DateTime? LastInboundAt { get; init; }
    public int TouchesTotal { get; init; }
    public int OutboundSinceConnect { get; init; }
    public DateTime? FirstConnectAt { get; init; }
    public int? TouchesBeforeConnect { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }

    /// <summary>Outbound touches in the cap's window, the cap, and whether it is reached.</summary>
    public FrequencyCapDto? FrequencyCap { get; init; }

    /// <summary>The name the pane and lists show: first and last name, else the company, else the primary address.</summary>
    public static string DisplayNameOf(string? firstName, string? lastName, string? company, string? primaryEmail) =>
        firstName != null || lastName != null
            ? (firstName ?? "") + (firstName != null && lastName != null ? " " : "") + (lastName ?? "")
            : company ?? primaryEmail ?? "";
}

/// <summary>Where a contact stands against the frequency cap: outbound touches in (windowStart, now].</summary>
public sealed record FrequencyCapDto(int OutboundTouchesInWindow, int Cap, int WindowDays, DateTime WindowStart, bool Reached);

/// <summary>
/// What a client writes: the body of POST, and (as a JSON merge patch over the current values)
/// of PATCH, so both go through one validation.
/// </summary>
public sealed record ContactWrite
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }

    /// <summary>The primary address.</summary>
    public string? Email { get; init; }

    /// <summary>All addresses; <see cref="Email"/> is added when missing and becomes the primary.</summary>
    public List<string>? Emails { get; init; }

    public string? Company { get; init; }
    public string? Title { get; init; }
    public string? Phone { get; init; }
    public string? MobilePhone { get; init; }
    public string? Street { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }
    [MultiLineText]
    public string? Background { get; init; }
    public string? Source { get; init; }
    public DateOnly? FirstMetOn { get; init; }
    public string? Interest { get; init; }
    public Stage? Stage { get; init; }
    public Priority? Priority { get; init; }
    public int? OwnerId { get; init; }
    public bool DoNotCall { get; init; }
    public bool DoNotEmail { get; init; }
    public bool Unsubscribed { get; init; }
    public DateTime? NextFollowUpDue { get; init; }
    public string? NextFollowUpNote { get; init; }

    /// <summary>Every address, primary first, as given (not yet normalised).</summary>
    public List<string> AllEmails() =>
        new[] { Email }.Concat(Emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e!).ToList();
}

/// <summary>The task pane's one round trip for a participant of the open email or meeting.</summary>
public sealed record ContactLookupDto
{
    /// <summary>Always "full": the caller may open this contact; a colleague's lead answers <see cref="RestrictedLookupDto"/>.</summary>
    public string Access { get; init; } = ContactAccess.Full;

    public required ContactDto Contact { get; init; }

    /// <summary>The latest 20 touches, newest first.</summary>
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

    /// <summary>The frequency cap (configurable; default 3 outbound touches in 7 days) and whether it is reached.</summary>
    public FrequencyCapDto? FrequencyCap { get; init; }

    /// <summary>When the pane passed the open message's internetMessageId: whether it is already logged as a touch.</summary>
    public bool? MessageLogged { get; init; }
}
