using System.Linq.Expressions;
using System.Reflection;
using LeadMail.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace LeadMail.Core.Persistence.Configurations;

/// <summary>How each provider computes <see cref="ReportFunctions"/> in SQL.</summary>
internal static class ReportFunctionConfiguration
{
    private static readonly MethodInfo DaysBetweenMethod = typeof(ReportFunctions).GetMethod(nameof(ReportFunctions.DaysBetween))!;

    /// <summary>SQLite: julianday difference of the stored ISO texts; SQL Server: milliseconds over a day's worth.</summary>
    public static void Apply(ModelBuilder modelBuilder, bool sqlServer)
    {
        modelBuilder.HasDbFunction(DaysBetweenMethod).HasTranslation(args =>
        {
            var (from, to) = (args[0], args[1]);
            if (sqlServer)
            {
                var millis = new SqlFunctionExpression("DATEDIFF_BIG", [new SqlFragmentExpression("millisecond"), from, to],
                    nullable: true, argumentsPropagateNullability: [false, true, true], typeof(long), null);
                return new SqlBinaryExpression(ExpressionType.Divide, millis,
                    new SqlConstantExpression(86_400_000.0, null), typeof(double), null);
            }
            SqlExpression Julian(SqlExpression at) => new SqlFunctionExpression("julianday", [at],
                nullable: true, argumentsPropagateNullability: [true], typeof(double), null);
            return new SqlBinaryExpression(ExpressionType.Subtract, Julian(to), Julian(from), typeof(double), null);
        });
    }
}
