using System.Net.Mail;

namespace LeadMail.Core.Contacts;

/// <summary>The one normalisation every address goes through before it is stored or looked up.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    /// <summary>A bare addr-spec (no display name), with a dotted domain, within the RFC 5321 length.</summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return false;
        var trimmed = address.Trim();
        if (trimmed.Length > MaxLength || trimmed.Any(char.IsWhiteSpace)) return false;
        if (!MailAddress.TryCreate(trimmed, out var parsed)) return false;
        return parsed.Address == trimmed
            && string.IsNullOrEmpty(parsed.DisplayName)
            && parsed.Host.Contains('.')
            && !parsed.Host.StartsWith('.')
            && !parsed.Host.EndsWith('.');
    }

    public static string Domain(string normalizedAddress) => normalizedAddress[(normalizedAddress.LastIndexOf('@') + 1)..];
}
