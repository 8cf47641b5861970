using LeadMail.Core.Contacts;

namespace LeadMail.Core.Assignment;

/// <summary>A rep asking for a colleague's lead; the owner or a manager accepts or declines it.</summary>
public sealed class HandOverRequest
{
    public const int NoteMaxLength = 500;

    public int Id { get; set; }
    public int ContactId { get; set; }
    public Contact? Contact { get; set; }

    /// <summary>The rep who asked and who gets the lead if it is accepted.</summary>
    public int RequestedById { get; set; }

    /// <summary>The owner when it was asked.</summary>
    public int? FromRepId { get; set; }

    public string? Note { get; set; }
    public HandOverStatus Status { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public int? DecidedById { get; set; }
}

public enum HandOverStatus
{
    Pending,
    Accepted,
    Declined,
}
