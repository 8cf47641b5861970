using System.Buffers.Text;
using System.Linq.Expressions;
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

/// <summary>
/// The keyset query of a list shown newest first: the rows after the cursor, in order, one more than the
/// page so <see cref="PageCursor.ToPage"/> knows whether another follows.
/// </summary>
public static class NewestFirstPaging
{
    /// <summary>For a list ordered by a time, ties broken by id.</summary>
    public static IQueryable<T> PageNewestFirst<T, TId>(
        this IQueryable<T> rows, Expression<Func<T, DateTime>> keyAt, Expression<Func<T, TId>> keyId, int take, PageCursor? after)
    {
        if (after is { At: { } at } a)
        {
            // Written as a lambda so the cursor's values become query parameters, as they do in a hand-written Where.
            Expression<Func<DateTime, long, bool>> before = (rowAt, rowId) => rowAt < at || rowAt == at && rowId < a.Id;
            rows = rows.Where(Over<T>(before, keyAt.Parameters[0], keyAt.Body, IdOf(keyId, keyAt.Parameters[0])));
        }
        return rows.OrderByDescending(keyAt).ThenByDescending(keyId).Take(take + 1);
    }

    /// <summary>For a list ordered by id alone.</summary>
    public static IQueryable<T> PageNewestFirst<T, TId>(this IQueryable<T> rows, Expression<Func<T, TId>> keyId, int take, PageCursor? after)
    {
        if (after is { } a)
        {
            Expression<Func<long, bool>> before = rowId => rowId < a.Id;
            rows = rows.Where(Over<T>(before, keyId.Parameters[0], IdOf(keyId, keyId.Parameters[0])));
        }
        return rows.OrderByDescending(keyId).Take(take + 1);
    }

    /// <summary>The row's id as the cursor holds it (a long), on the given row parameter.</summary>
    private static Expression IdOf<T, TId>(Expression<Func<T, TId>> keyId, ParameterExpression row)
    {
        var id = new Substitution(keyId.Parameters[0], row).Visit(keyId.Body);
        return id.Type == typeof(long) ? id : Expression.Convert(id, typeof(long));
    }

    /// <summary>The condition on the keys made a condition on the row whose keys they are.</summary>
    private static Expression<Func<T, bool>> Over<T>(LambdaExpression condition, ParameterExpression row, params Expression[] keys)
    {
        var body = condition.Body;
        for (var i = 0; i < keys.Length; i++) body = new Substitution(condition.Parameters[i], keys[i]).Visit(body);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private sealed class Substitution(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
