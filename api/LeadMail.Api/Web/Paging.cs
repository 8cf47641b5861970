using System.Buffers.Text;
using System.Text;

namespace LeadMail.Api.Web;

/// <summary>One page of a list and the opaque cursor for the next one (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset paging shared by every list: the cursor is the sort key of the last item sent
/// (a time, when the list is ordered by time, and the id that breaks ties), so pages stay
/// stable while rows are added.
/// </summary>
public readonly record struct PageCursor(long Id, DateTime? At = null)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(At is { } at ? $"{at.Ticks}:{Id}" : Id.ToString()));

    public static bool TryDecode(string? text, out PageCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text)) return true;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            if (parts.Length == 1 && long.TryParse(parts[0], out var id)) cursor = new PageCursor(id);
            else if (parts.Length == 2 && long.TryParse(parts[0], out var ticks) && long.TryParse(parts[1], out id)
                && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks)
                cursor = new PageCursor(id, new DateTime(ticks, DateTimeKind.Utc));
            return cursor is not null;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Validates <c>limit</c> and <c>cursor</c> the same way for every list; errors name the parameter.</summary>
    public static Dictionary<string, string[]> Validate(int? limit, string? cursorText, out int take, out PageCursor? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit) errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        if (!TryDecode(cursorText, out cursor)) errors["cursor"] = ["cursor is not one this API issued; start again without it."];
        return errors;
    }

    /// <summary>Takes one item more than the page to know whether another page follows.</summary>
    public static Page<T> ToPage<T>(List<T> rows, int take, Func<T, PageCursor> cursorOf) =>
        rows.Count > take
            ? new Page<T>(rows.Take(take).ToList(), cursorOf(rows[take - 1]).Encode())
            : new Page<T>(rows, null);
}
