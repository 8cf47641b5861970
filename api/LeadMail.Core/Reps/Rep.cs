namespace LeadMail.Core.Reps;

/// <summary>A person who sells (or manages those who do): owns leads and, when opted in, has a mailbox the sync worker reads.</summary>
public class Rep
{
    public int Id { get; set; }

    /// <summary>Microsoft Entra object id (the token's <c>oid</c>); null until the rep first signs in.</summary>
    public string? EntraObjectId { get; set; }

    /// <summary>Primary SMTP address, normalised (trimmed, lower-cased).</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }
    public RepRole Role { get; set; } = RepRole.Rep;
    public bool Active { get; set; } = true;

    /// <summary>Opt-in for automatic logging: the sync worker reads only these mailboxes.</summary>
    public bool SyncEnabled { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum RepRole
{
    Rep,
    Manager,
}
