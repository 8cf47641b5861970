using LeadMail.Api.Reports;
using LeadMail.Core.Contacts;
using LeadMail.Core.Reports;

namespace LeadMail.Reports.Tests;

[Collection(GeneratedDatasetCollection.Name)]
public sealed class PipelineReportTests(GeneratedDataset data)
{
    private const string Tz = "America/New_York";
    private static readonly DateOnly From = new(2026, 2, 1);
    private static readonly DateOnly To = new(2026, 5, 31);

    [Fact]
    public async Task Counts_per_stage_now_are_every_stage_from_the_final_moves_and_no_value_is_invented()
    {
        var report = (await Get("")).Data;

        var stageNow = data.Leads.ToDictionary(l => l.Id, l => data.StageChanges.LastOrDefault(s => s.ContactId == l.Id)?.To ?? Stage.New);
        Assert.Equal(Enum.GetValues<Stage>(), report.Now.Select(n => n.Stage));
        foreach (var stage in report.Now) Assert.Equal(stageNow.Values.Count(s => s == stage.Stage), stage.Contacts);
        Assert.False(report.ValueTracked);
    }

    [Fact]
    public async Task Transitions_conversion_and_time_in_stage_over_the_period_match_the_generated_moves()
    {
        var report = (await Get("")).Data;

        var inPeriod = InPeriod().ToList();
        Assert.Equal(
            inPeriod.GroupBy(c => (c.Change.From, c.Change.To)).Select(g => (g.Key.From, g.Key.To, g.Count())).Order(),
            report.Transitions.Select(t => (t.From, t.To, t.Changes)).Order());
        foreach (var flow in report.Stages)
        {
            var leaving = inPeriod.Where(c => c.Change.From == flow.Stage).ToList();
            var advanced = leaving.Count(c => c.Change.To == Next(flow.Stage));
            var days = leaving.Select(c => EnteredAt(c.Index) is { } entered ? (c.Change.At - entered).TotalDays : (double?)null).Where(d => d is not null).Select(d => d!.Value).ToList();
            Assert.Equal(inPeriod.Count(c => c.Change.To == flow.Stage), flow.Entered);
            Assert.Equal(leaving.Count, flow.Left);
            Assert.Equal(advanced, flow.Advanced);
            Assert.Equal(leaving.Count(c => c.Change.To == Stage.Lost), flow.Lost);
            Assert.Equal(leaving.Count == 0 ? null : Math.Round((double)advanced / leaving.Count, 4), flow.ConversionRate);
            Assert.Equal(days.Count, flow.TimedExits);
            if (days.Count == 0) Assert.Null(flow.MeanDaysInStage);
            else Assert.Equal(Math.Round(days.Average(), 2), flow.MeanDaysInStage!.Value, 2);
        }
        // Exits from new are timed only for leads whose creation was recorded as a change.
        Assert.True(report.Stages.Single(s => s.Stage == Stage.New).TimedExits < report.Stages.Single(s => s.Stage == Stage.New).Left);
    }

    [Fact]
    public async Task Lost_and_nurture_reasons_are_ranked_most_frequent_first()
    {
        var report = (await Get("")).Data;

        var lost = InPeriod().Where(c => c.Change.To == Stage.Lost).GroupBy(c => c.Change.Reason).Select(g => (g.Key, g.Count()))
            .OrderByDescending(r => r.Item2).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(lost, report.LostReasons.Select(r => (r.Reason, r.Changes)));
        Assert.Equal(InPeriod().Count(c => c.Change.To == Stage.Nurture), report.NurtureReasons.Sum(r => r.Changes));
        Assert.True(report.LostReasons.Count > 1);
    }

    [Fact]
    public async Task The_owner_and_source_filters_count_the_contacts_changes()
    {
        var carol = (await data.Host.GetJsonAsync<Report<PipelineReportData>>(data.RepClient(data.Carol), $"/api/reports/pipeline?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&tz={Tz}")).Data;
        var web = (await Get("&source=web")).Data;

        var owners = data.Leads.ToDictionary(l => l.Id);
        Assert.Equal(InPeriod().Count(c => owners[c.Change.ContactId].OwnerId == data.Carol.Id), carol.Transitions.Sum(t => t.Changes));
        Assert.Equal(InPeriod().Count(c => owners[c.Change.ContactId].Source == "web"), web.Transitions.Sum(t => t.Changes));
        Assert.Equal(data.Leads.Count(l => l.OwnerId == data.Carol.Id), carol.Now.Sum(n => n.Contacts));
    }

    [Fact]
    public async Task As_CSV_a_row_per_stage_and_the_transitions_and_reasons_tables()
    {
        var query = $"/api/reports/pipeline?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&tz={Tz}&format=csv";
        var stages = Rfc4180.Parse(await data.Manager.GetStringAsync(query));
        var transitions = Rfc4180.Parse(await data.Manager.GetStringAsync(query + "&table=transitions"));
        var reasons = await data.Manager.GetAsync(query + "&table=reasons");

        Assert.Equal(["stage", "contactsNow", "entered", "left", "advanced", "lost", "nurtured", "conversionRate", "timedExits", "meanDaysInStage"], stages[0]);
        Assert.Equal(["new", "marketingQualified", "salesQualified", "proposal", "agreement", "won", "lost", "nurture"], stages.Skip(1).Select(r => r[0]));
        Assert.Equal(["from", "to", "changes"], transitions[0]);
        Assert.Equal("leadmail-pipeline-reasons-2026-02-01-to-2026-05-31.csv", reasons.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(["to", "reason", "changes"], Rfc4180.Parse(await reasons.Content.ReadAsStringAsync())[0]);
    }

    /// <summary>The changes whose instant falls on a local day of the period, with their position in the order they were made.</summary>
    private IEnumerable<(GeneratedStageChange Change, int Index)> InPeriod() =>
        data.StageChanges.Select((c, i) => (c, i)).Where(c => Expected.InPeriod(c.c.At, Tz, From, To));

    /// <summary>When the contact last entered the stage this change left: the latest earlier change into it.</summary>
    private DateTime? EnteredAt(int index)
    {
        var exit = data.StageChanges[index];
        return data.StageChanges.Take(index).LastOrDefault(c => c.ContactId == exit.ContactId && c.To == exit.From)?.At;
    }

    /// <summary>One step forward, written out again here.</summary>
    private static Stage? Next(Stage stage) => stage switch
    {
        Stage.New => Stage.MarketingQualified,
        Stage.MarketingQualified => Stage.SalesQualified,
        Stage.SalesQualified => Stage.Proposal,
        Stage.Proposal => Stage.Agreement,
        Stage.Agreement => Stage.Won,
        Stage.Nurture => Stage.MarketingQualified,
        _ => null,
    };

    private Task<Report<PipelineReportData>> Get(string query) =>
        data.Host.GetJsonAsync<Report<PipelineReportData>>(data.Manager, $"/api/reports/pipeline?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&tz={Tz}{query}");
}
