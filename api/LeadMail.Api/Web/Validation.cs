namespace LeadMail.Api.Web;

/// <summary>Collects field errors the one way every endpoint reports them.</summary>
public sealed class FieldErrors : Dictionary<string, string[]>
{
    public void Add(string field, string message)
    {
        this[field] = TryGetValue(field, out var existing) ? [.. existing, message] : [message];
    }

    public void MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max) Add(field, $"{field} must be at most {max} characters.");
    }

    public void Utc(string field, DateTime? value)
    {
        if (value is { Kind: DateTimeKind.Unspecified }) Add(field, $"{field} must be an ISO 8601 time with a UTC offset, e.g. 2026-12-01T09:00:00Z.");
    }

    public bool Any => Count > 0;
}
