using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace LeadMail.Core.Reports;

/// <summary>
/// Date arithmetic the reports need in SQL that EF does not translate on every provider: the days
/// between two instants, so averages of durations are taken by the database over index ranges.
/// </summary>
public static class ReportFunctions
{
    private static readonly MethodInfo DaysBetweenMethod = typeof(ReportFunctions).GetMethod(nameof(DaysBetween))!;

    /// <summary>Days (fractional) from <paramref name="from"/> to <paramref name="to"/>, null when either is; the same figure in C# and in SQL.</summary>
    public static double? DaysBetween(DateTime? from, DateTime? to) => from is { } f && to is { } t ? (t - f).TotalDays : null;

    /// <summary>SQLite: julianday difference of the stored ISO texts; SQL Server: milliseconds over a day's worth.</summary>
    internal static void Register(ModelBuilder modelBuilder, string? providerName)
    {
        var sqlServer = providerName == "Microsoft.EntityFrameworkCore.SqlServer";
        modelBuilder.HasDbFunction(DaysBetweenMethod).HasTranslation(args =>
        {
            var (from, to) = (args[0], args[1]);
            if (sqlServer)
            {
                var millis = new SqlFunctionExpression("DATEDIFF_BIG", [new SqlFragmentExpression("millisecond"), from, to],
                    nullable: true, argumentsPropagateNullability: [false, true, true], typeof(long), null);
                return new SqlBinaryExpression(System.Linq.Expressions.ExpressionType.Divide, millis,
                    new SqlConstantExpression(86_400_000.0, null), typeof(double), null);
            }
            SqlExpression Julian(SqlExpression at) => new SqlFunctionExpression("julianday", [at],
                nullable: true, argumentsPropagateNullability: [true], typeof(double), null);
            return new SqlBinaryExpression(System.Linq.Expressions.ExpressionType.Subtract, Julian(to), Julian(from), typeof(double), null);
        });
    }
}
