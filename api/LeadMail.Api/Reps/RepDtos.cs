using LeadMail.Core.Reps;

namespace LeadMail.Api.Reps;

public sealed record RepDto
{
    public int Id { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? EntraObjectId { get; init; }
    public RepRole Role { get; init; }
    public bool Active { get; init; }
    public bool SyncEnabled { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>A manager's write of a rep: POST body, and PATCH as a merge patch over the current values.</summary>
public sealed record RepWrite
{
    public string? Email { get; init; }
    public string? DisplayName { get; init; }
    public string? EntraObjectId { get; init; }
    public RepRole Role { get; init; } = RepRole.Rep;
    public bool Active { get; init; } = true;

    /// <summary>Whether the sync worker reads this rep's mailbox and calendar.</summary>
    public bool SyncEnabled { get; init; }
}
