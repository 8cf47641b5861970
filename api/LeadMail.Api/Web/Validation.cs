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

/// <summary>
/// What text the API stores: no control characters (C0, DEL, C1) and no bidi embeddings, overrides or
/// isolates, which would reach CSV cells and the pane and can reorder what a reader sees. Multi-line
/// fields (notes, background, reasons) may hold tab, CR and LF; single-line fields may not, nor the
/// Unicode line and paragraph separators.
/// </summary>
public static class TextRule
{
    /// <summary>Why the value is refused (the first offending character and where it is), or null when it is fine.</summary>
    public static string? Refusal(string? value, bool multiLine)
    {
        if (value is null) return null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (multiLine && c is '\t' or '\r' or '\n' or '\u2028' or '\u2029') continue;
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u2028' or '\u2029')
                return $"U+{(int)c:X4} at position {i}";
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(c)) return $"a lone surrogate U+{(int)c:X4} at position {i}";
        }
        return null;
    }

    public static string Message(string field, string refusal, bool multiLine = false) => multiLine
        ? $"{field} must not contain control or bidi characters other than tab and line breaks ({refusal})."
        : $"{field} must be one line of text without control or bidi characters ({refusal}).";
}
