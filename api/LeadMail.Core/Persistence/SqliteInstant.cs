using System.Globalization;

namespace LeadMail.Core.Persistence;

/// <summary>
/// An instant as Microsoft.Data.Sqlite writes a <see cref="DateTime"/> and EF Core stores it in SQLite:
/// <c>yyyy-MM-dd HH:mm:ss</c> with up to seven fraction digits (none when zero), UTC by LeadMailDb's
/// converter. Read back by position: Microsoft.Data.Sqlite's <c>GetDateTime</c> goes through
/// <c>DateTime.Parse</c>, about 0.2 µs a value, a twentieth of that here, which counts where instants are
/// read by the thousand (a backfill batch's history) or per request (the task pane's lookup, about 47).
/// </summary>
public static class SqliteInstant
{
    private const int Seconds = 19; // "yyyy-MM-dd HH:mm:ss"
    private const int MaxFractionDigits = 7;
    private const string StoredFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    /// <summary>The text SQLite holds for <paramref name="instant"/>, to compare stored instants as text.</summary>
    public static string Format(DateTime instant) => instant.ToString(StoredFormat, CultureInfo.InvariantCulture);

    /// <summary>The stored instant, as UTC; text in any other shape takes the general parse, as <c>GetDateTime</c> would.</summary>
    public static DateTime ParseUtc(string text) =>
        TryParse(text, out var utc) ? utc : DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>The stored shape only; false for anything else.</summary>
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
