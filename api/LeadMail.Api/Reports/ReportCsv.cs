using LeadMail.Core.Reports;

namespace LeadMail.Api.Reports;

/// <summary>new-leads as CSV: one row per bucket, a column per source (wide, as a chart or pivot wants it).</summary>
public static class NewLeadsCsv
{
    public const string NoSource = "(no source)";

    public static CsvTable Buckets(NewLeads report) => new(
        ["start", "end", "total", .. report.Sources.Select(s => s ?? NoSource)],
        report.Buckets.Select(b => (IReadOnlyList<object?>)[b.Start, b.End, b.Total, .. b.BySource.Select(s => (object)s.Count)]).ToList());
}

public static class TouchesCsv
{
    public static CsvTable Touches(Touches report) => new(
        ["start", "end", "repId", "rep", "channel", "direction", "autoLogged", "manual", "total"],
        report.Rows.Select(r => (IReadOnlyList<object?>)[r.Start, r.End, r.RepId, r.RepName, r.Channel, r.Direction, r.AutoLogged, r.Manual, r.Total]).ToList());

    public static CsvTable Distribution(Touches report) => new(
        ["touchesBeforeConnect", "contacts"],
        report.BeforeConnect.Distribution.Select(d => (IReadOnlyList<object?>)[d.Touches, d.Contacts]).ToList());

    public static CsvTable Summary(Touches report) => new(
        ["contacts", "median", "p90"],
        [[report.BeforeConnect.Contacts, report.BeforeConnect.Median, report.BeforeConnect.P90]]);
}

public static class DatabaseHealthCsv
{
    /// <summary>One row per check.</summary>
    public static CsvTable Summary(DatabaseHealth h) => new(
        ["check", "contacts"],
        [
            ["contacts", h.Contacts],
            ["missingEmail", h.MissingEmail],
            ["missingPhone", h.MissingPhone],
            ["missingSource", h.MissingSource],
            ["duplicateNameGroups", h.DuplicateNameGroups],
            ["duplicateNameContacts", h.DuplicateNameContacts],
            ["duplicatePhoneGroups", h.DuplicatePhoneGroups],
            ["duplicatePhoneContacts", h.DuplicatePhoneContacts],
            [$"staleOpenLeads({h.StaleDays}d)", h.StaleOpenLeads],
            ["consentViolations", h.ConsentViolations],
        ]);

    public static CsvTable Duplicates(DatabaseHealth h) => new(
        ["kind", "match", "contacts", "contactIds"],
        h.Duplicates.Select(d => (IReadOnlyList<object?>)[d.Kind, d.Match, d.Contacts, string.Join(' ', d.ContactIds)]).ToList());
}

public static class ConversionCsv
{
    public static CsvTable Rows(Conversion report) => new(
        [report.By == ConversionGrouping.Cohort ? "cohortStart" : report.By.ToString().ToLowerInvariant(), report.By switch
        {
            ConversionGrouping.Owner => "rep",
            ConversionGrouping.Cohort => "cohortEnd",
            _ => "name",
        }, "leads", "won", "conversionRate", "meanDaysToWon", "medianDaysToWon"],
        report.Rows.Append(report.Total with { Key = "(total)" })
            .Select(r => (IReadOnlyList<object?>)[r.Key, r.Name, r.Leads, r.Won, r.ConversionRate, r.MeanDaysToWon, r.MedianDaysToWon]).ToList());
}

public static class PipelineCsv
{
    public static CsvTable Stages(PipelineReportData report) => new(
        ["stage", "contactsNow", "entered", "left", "advanced", "lost", "nurtured", "conversionRate", "timedExits", "meanDaysInStage"],
        report.Stages.Select(s => (IReadOnlyList<object?>)[s.Stage, report.Now.First(n => n.Stage == s.Stage).Contacts, s.Entered, s.Left, s.Advanced,
            s.Lost, s.Nurtured, s.ConversionRate, s.TimedExits, s.MeanDaysInStage]).ToList());

    public static CsvTable Transitions(PipelineReportData report) => new(
        ["from", "to", "changes"],
        report.Transitions.Select(t => (IReadOnlyList<object?>)[t.From, t.To, t.Changes]).ToList());

    public static CsvTable Reasons(PipelineReportData report) => new(
        ["to", "reason", "changes"],
        report.LostReasons.Select(r => (IReadOnlyList<object?>)[LeadMail.Core.Contacts.Stage.Lost, r.Reason, r.Changes])
            .Concat(report.NurtureReasons.Select(r => (IReadOnlyList<object?>)[LeadMail.Core.Contacts.Stage.Nurture, r.Reason, r.Changes])).ToList());
}

public static class FollowUpsCsv
{
    public static CsvTable Reps(FollowUpsReportData report) => new(
        ["repId", "rep", "due", "doneOnTime", "doneLate", "missed", "pending", "closed", "overdueNow", $"ripe({report.RipeDays}d)"],
        report.Reps.Select(r => (IReadOnlyList<object?>)[r.RepId, r.RepName, r.Due, r.DoneOnTime, r.DoneLate, r.Missed, r.Pending, r.Closed, r.OverdueNow, r.Ripe]).ToList());
}
