using LeadMail.Core.Contacts;

namespace LeadMail.Core.Pipeline;

/// <summary>One move of a contact through the pipeline: the record of why each lead moved.</summary>
public class StageChange
{
    public long Id { get; set; }
    public int ContactId { get; set; }
    public Contact? Contact { get; set; }

    /// <summary>Null for the stage a contact entered the database with.</summary>
    public Stage? From { get; set; }

    public Stage To { get; set; }
    public string? Reason { get; set; }

    /// <summary>The rep who moved it; null when the system did (an import without a person).</summary>
    public int? ByRepId { get; set; }

    public DateTime At { get; set; }

    /// <summary>
    /// When the contact entered <see cref="From"/>: the instant of its latest earlier change into that
    /// stage, recorded with the move so time in stage needs no lookup; null for a creation or when that
    /// entry was never recorded (a lead older than the stage history).
    /// </summary>
    public DateTime? FromEnteredAt { get; set; }
}
