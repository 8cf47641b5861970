namespace LeadMail.Core.Contacts.Merging;

/// <summary>
/// The record of one duplicate merged into a surviving lead: who, when and what moved. The duplicate's
/// name and addresses are kept as they were so a manager can tell which lead went; forgetting the survivor
/// takes the record, and those copies, with it.
/// </summary>
public class ContactMerge
{
    public const int NameMaxLength = 200;
    public const int EmailsMaxLength = 2000;
    public const int FilledFieldsMaxLength = 1000;

    public long Id { get; set; }

    /// <summary>The lead that stayed; the records of leads merged into it follow it when it is merged in turn.</summary>
    public int SurvivorId { get; set; }

    /// <summary>The lead that went; no foreign key, since it is gone.</summary>
    public int DuplicateId { get; set; }

    /// <summary>Who merged them; null when no rep row stood behind the call.</summary>
    public int? ByRepId { get; set; }

    public DateTime At { get; set; }

    /// <summary>The duplicate's display name when it was merged (personal data).</summary>
    public string? DuplicateName { get; set; }

    /// <summary>The duplicate's addresses, comma-separated (personal data).</summary>
    public string? DuplicateEmails { get; set; }

    /// <summary>The survivor's empty fields that took the duplicate's values, comma-separated.</summary>
    public string? FilledFields { get; set; }

    public int AddressesMoved { get; set; }
    public int TouchesMoved { get; set; }

    /// <summary>Touches of the duplicate whose natural key the survivor already had: they became the survivor's one touch.</summary>
    public int TouchesJoined { get; set; }

    public int FollowUpsMoved { get; set; }
    public int StageChangesMoved { get; set; }
    public int AssignmentsMoved { get; set; }
    public int RevisionsMoved { get; set; }
}
