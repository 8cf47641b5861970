using LeadMail.Core.Interactions;
using LeadMail.Core.Reps;

namespace LeadMail.Core.Contacts;

/// <summary>A lead: everyone ever met, however briefly, with where they stand and when to reach out next.</summary>
public class Contact
{
    public int Id { get; set; }

    // Each name field keeps NameKey current as it is set. EF Core reads and writes the fields directly,
    // so loading a contact leaves the stored key as it is.
    private string? firstName, lastName, company;

    public string? FirstName
    {
        get => firstName;
        set => (firstName, NameKey) = (value, NameKeyOf(value, lastName, company));
    }

    public string? LastName
    {
        get => lastName;
        set => (lastName, NameKey) = (value, NameKeyOf(firstName, value, company));
    }

    public string? Company
    {
        get => company;
        set => (company, NameKey) = (value, NameKeyOf(firstName, lastName, value));
    }

    public string? Title { get; set; }
    public string? Phone { get; set; }
    public string? MobilePhone { get; set; }

    public string? Street { get; set; }
    public string? City { get; set; }
    public string? PostalCode { get; set; }

    /// <summary>Region or state: one of the keys territory routing matches on.</summary>
    public string? Region { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country code, upper-case.</summary>
    public string? Country { get; set; }

    /// <summary>What the rep knows about the person: background, family, what matters to them.</summary>
    public string? Background { get; set; }

    /// <summary>Where and how the lead was first met (campaign, fair, referral…): marketing's attribution key.</summary>
    public string? Source { get; set; }

    public DateOnly? FirstMetOn { get; set; }

    /// <summary>The product or category the lead is interested in; routing's niche key.</summary>
    public string? Interest { get; set; }

    public Stage Stage { get; set; } = Stage.New;
    public Priority Priority { get; set; } = Priority.Medium;

    /// <summary>True when a person chose the priority; otherwise it follows the score's thresholds.</summary>
    public bool PrioritySetByHand { get; set; }

    /// <summary>The score as of the last recalculation (the ingest path, or the set-based decay).</summary>
    public double Score { get; set; }

    /// <summary>
    /// The score's points, each weighted by 2^((when − epoch) / half-life) (see Scoring.LeadScore):
    /// every contact's score decays by the same factor, so the decay of all of them is one UPDATE.
    /// </summary>
    public double ScoreBase { get; set; }

    public int? OwnerId { get; set; }
    public Rep? Owner { get; set; }

    public bool DoNotCall { get; set; }
    public bool DoNotEmail { get; set; }

    /// <summary>Opted out of everything but postal mail.</summary>
    public bool Unsubscribed { get; set; }

    public DateTime? NextFollowUpDue { get; set; }
    public string? NextFollowUpNote { get; set; }

    // Counters kept by the ingest path (TouchIngest) from the interactions themselves;
    // never written by hand, so they cannot drift from the touch history.
    public DateTime? LastTouchAt { get; set; }
    public DateTime? LastInboundAt { get; set; }
    public int TouchesTotal { get; set; }
    public int OutboundSinceConnect { get; set; }
    public DateTime? FirstConnectAt { get; set; }

    /// <summary>Outbound touches it took to reach the first connect; null until connected.</summary>
    public int? TouchesBeforeConnect { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// Since when nobody has touched the lead: its last touch, or when it came in. Computed by the database
    /// from those two columns, so no write path can leave it behind; indexed per owner for the ripe lists.
    /// </summary>
    public DateTime QuietSince { get; private set; }

    /// <summary>
    /// "first last | company", trimmed and lower-cased; null without a name (<see cref="NameKeyOf"/>).
    /// Indexed, so duplicate checks group an index rather than every row. Set with the name fields on
    /// SQLite, whose lower() folds ASCII letters only ("ÉLODIE" must meet "élodie"); computed by the
    /// database on SQL Server (see Persistence/Configurations/DuplicateKeyConfiguration).
    /// </summary>
    public string? NameKey { get; private set; }

    /// <summary>The duplicate-name key: spaces trimmed from each part, lower-cased in every script.</summary>
    public static string? NameKeyOf(string? firstName, string? lastName, string? company)
    {
        var (first, last) = ((firstName ?? "").Trim(' '), (lastName ?? "").Trim(' '));
        return first.Length == 0 && last.Length == 0 ? null : $"{first} {last} | {(company ?? "").Trim(' ')}".ToLowerInvariant();
    }

    /// <summary><see cref="Phone"/> without spaces, '-', '.', '/', '(' and ')'; null when nothing is left. Computed like <see cref="NameKey"/>.</summary>
    public string? PhoneKey { get; private set; }

    /// <summary>
    /// Optimistic concurrency token for what people edit. Counters maintained by the ingest
    /// path do not bump it, so a synced email never turns a rep's edit into a 412.
    /// </summary>
    public int Version { get; set; }

    public List<ContactEmail> Emails { get; set; } = [];
    public List<Interaction> Interactions { get; set; } = [];

    public string? PrimaryEmail => Emails.FirstOrDefault(e => e.IsPrimary)?.Address ?? Emails.FirstOrDefault()?.Address;

    public string DisplayName =>
        string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name
            ? name
            : PrimaryEmail ?? $"Contact {Id}";
}

/// <summary>One of a contact's email addresses, stored normalised and unique across all contacts.</summary>
public class ContactEmail
{
    public int Id { get; set; }
    public int ContactId { get; set; }
    public required string Address { get; set; }
    public bool IsPrimary { get; set; }

    /// <summary>
    /// True from the moment the address is made, so every path that adds one (the pane, the API, an import's bulk
    /// insert, the sync's own contacts) asks for its past mail and meetings; false once the sync worker has queued
    /// its history fetch from each synced mailbox. A merge moves rows and makes none, so nothing is fetched again.
    /// </summary>
    public bool HistoryPending { get; set; } = true;
}

/// <summary>The pipeline: new → marketing-qualified → sales-qualified → proposal → agreement → won; or lost; or back to marketing.</summary>
public enum Stage
{
    New,
    MarketingQualified,
    SalesQualified,
    Proposal,
    Agreement,
    Won,
    Lost,
    Nurture,
}

public enum Priority
{
    Low,
    Medium,
    High,
}
