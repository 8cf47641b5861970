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
    /// <summary>One row per check; consent violations stay empty (not 0) until the workflow records them.</summary>
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
