namespace LeadMail.Core.Reports;

/// <summary>
/// Date arithmetic the reports need in SQL that EF does not translate on every provider: the days
/// between two instants, so averages of durations are taken by the database over index ranges. Each
/// provider's translation is registered with the model (<c>Persistence/Configurations/ReportFunctionConfiguration</c>).
/// </summary>
public static class ReportFunctions
{
    /// <summary>Days (fractional) from <paramref name="from"/> to <paramref name="to"/>, null when either is; the same figure in C# and in SQL.</summary>
    public static double? DaysBetween(DateTime? from, DateTime? to) => from is { } f && to is { } t ? (t - f).TotalDays : null;
}
