using LeadMail.Api.Interactions;
using LeadMail.Core.Assignment;
using LeadMail.Core.Consent;
using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Contacts;

/// <summary>The rep who owns a lead, as a colleague may see them: whom to ask for it.</summary>
public sealed record ContactOwnerDto(string Name, string Email);

/// <summary>The routing rule that gave a lead its owner.</summary>
public sealed record RoutingRuleRefDto(int Id, string? Name);

/// <summary>
/// What a rep may see of a colleague's lead: who it is, where it stands, whom to ask, whether it may be
/// contacted now; never its history, notes, background, phones or subjects. The one restricted view: the lookup
/// of a colleague's lead, a rep's own write that leaves the lead with someone else, and the 409 for a
/// colleague's address all answer it.
/// </summary>
public sealed record RestrictedContactDto
{
    public int Id { get; init; }

    /// <summary>Always "restricted": the caller cannot open this contact by id.</summary>
    public string Access { get; init; } = ContactAccess.Restricted;

    public string DisplayName { get; init; } = "";
    public string? Company { get; init; }
    public Stage Stage { get; init; }
    public bool DoNotCall { get; init; }
    public bool DoNotEmail { get; init; }
    public bool Unsubscribed { get; init; }
    public int? OwnerId { get; init; }
    public ContactOwnerDto? Owner { get; init; }

    /// <summary>The rule that routed the lead to its owner, when a rule did.</summary>
    public RoutingRuleRefDto? Rule { get; init; }

    /// <summary>The frequency cap counted over every rep's outbound touches, so a colleague does not spam the lead either.</summary>
    public required FrequencyCapDto FrequencyCap { get; init; }

    /// <summary>The latest touch by anyone; not what it was.</summary>
    public DateTime? LastTouchAt { get; init; }

    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// The lookup's answer for a colleague's lead: the restricted view, with the consent flags and the cap where the
/// full answer has them so the pane warns the same way, and no touches at all.
/// </summary>
public sealed record RestrictedLookupDto
{
    /// <summary>Always "restricted".</summary>
    public string Access { get; init; } = ContactAccess.Restricted;

    public required RestrictedContactDto Contact { get; init; }

    /// <summary>Always empty: a colleague's touches (and their subjects and notes) are not the caller's to read.</summary>
    public IReadOnlyList<InteractionDto> Interactions { get; init; } = [];

    public bool DoNotCall { get; init; }
    public bool DoNotEmail { get; init; }
    public bool Unsubscribed { get; init; }
    public required FrequencyCapDto FrequencyCap { get; init; }
    public DateTime? LastTouchAt { get; init; }

    public static RestrictedLookupDto Of(RestrictedContactDto contact) => new()
    {
        Contact = contact,
        DoNotCall = contact.DoNotCall,
        DoNotEmail = contact.DoNotEmail,
        Unsubscribed = contact.Unsubscribed,
        FrequencyCap = contact.FrequencyCap,
        LastTouchAt = contact.LastTouchAt,
    };
}

/// <summary>How much of a contact the caller may see, as the API names it.</summary>
public static class ContactAccess
{
    public const string Full = "full";
    public const string Restricted = "restricted";
}

public static class RestrictedContact
{
    /// <summary>The restricted view of a contact, or null when the contact is gone.</summary>
    public static async Task<RestrictedContactDto?> ReadAsync(LeadMailDb db, int id, DateTime now, FrequencyCapOptions cap, CancellationToken ct)
    {
        var window = FrequencyCapWindow.At(now, cap);
        var row = await db.Contacts.AsNoTracking().Where(c => c.Id == id).Select(c => new
        {
            c.Id, c.FirstName, c.LastName, c.Company, c.Stage, c.DoNotCall, c.DoNotEmail, c.Unsubscribed, c.OwnerId, c.CreatedAt, c.LastTouchAt,
            PrimaryEmail = c.Emails.Where(e => e.IsPrimary).Select(e => e.Address).FirstOrDefault(),
            OutboundInWindow = db.Interactions.Count(i => i.ContactId == c.Id && i.Direction == Direction.Outbound
                && i.OccurredAt > window.Start && i.OccurredAt <= window.End),
        }).FirstOrDefaultAsync(ct);
        if (row is null) return null;

        var owner = await OwnerAsync(db, row.OwnerId, ct);
        // The latest assignment gave the current owner; it names the rule when a rule chose.
        var assignment = await db.OwnerAssignments.AsNoTracking().Where(a => a.ContactId == id)
            .OrderByDescending(a => a.Id).Select(a => new { a.Cause, a.RuleId }).FirstOrDefaultAsync(ct);
        RoutingRuleRefDto? rule = null;
        if (assignment is { Cause: AssignmentCause.Rule, RuleId: { } ruleId })
            rule = new RoutingRuleRefDto(ruleId, await db.AssignmentRules.Where(r => r.Id == ruleId).Select(r => r.Name).FirstOrDefaultAsync(ct));

        return new RestrictedContactDto
        {
            Id = row.Id,
            DisplayName = ContactDto.DisplayNameOf(row.FirstName, row.LastName, row.Company, row.PrimaryEmail),
            Company = row.Company,
            Stage = row.Stage,
            DoNotCall = row.DoNotCall,
            DoNotEmail = row.DoNotEmail,
            Unsubscribed = row.Unsubscribed,
            OwnerId = row.OwnerId,
            Owner = owner,
            Rule = rule,
            FrequencyCap = FrequencyCapDto.Of(window.StatusFor(row.OutboundInWindow)),
            LastTouchAt = row.LastTouchAt,
            CreatedAt = row.CreatedAt,
        };
    }

    public static async Task<ContactOwnerDto?> OwnerAsync(LeadMailDb db, int? ownerId, CancellationToken ct) =>
        ownerId is { } id
            ? await db.Reps.AsNoTracking().Where(r => r.Id == id).Select(r => new ContactOwnerDto(r.DisplayName, r.Email)).FirstOrDefaultAsync(ct)
            : null;
}
