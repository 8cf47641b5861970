namespace LeadMail.Api.Contacts;

/// <summary>
/// Reads an instant as EF Core stores it in SQLite: <c>yyyy-MM-dd HH:mm:ss</c> with up to seven fraction
/// digits, UTC by LeadMailDb's converter. Microsoft.Data.Sqlite's <c>GetDateTime</c> goes through
/// <c>DateTime.Parse</c>, about 0.2 µs a value, and the task pane's lookup reads some 47 of them per call
/// (docs/benchmarks.md); by position it is a twentieth of that. Any other shape is refused, for the caller
/// to read the way EF Core does.
/// </summary>
public static class SqliteInstant
{
    private const int Seconds = 19; // "yyyy-MM-dd HH:mm:ss"
    private const int MaxFractionDigits = 7;

    public static bool TryParse(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;
        if (text.Length != Seconds && (text.Length < Seconds + 2 || text.Length > Seconds + 1 + MaxFractionDigits)) return false;
        if (text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':') return false;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;

        var ticks = 0;
        if (text.Length > Seconds)
        {
            var digits = text.Length - Seconds - 1;
            if (text[Seconds] != '.' || !Digits(text, Seconds + 1, digits, out ticks)) return false;
            for (var scale = digits; scale < MaxFractionDigits; scale++) ticks *= 10;
        }

        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        foreach (var c in text.Slice(start, count))
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
