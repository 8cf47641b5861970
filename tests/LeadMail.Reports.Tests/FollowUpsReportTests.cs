using System.Net;
using LeadMail.Api.Reports;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Reports.Tests;

[Collection(GeneratedDatasetCollection.Name)]
public sealed class FollowUpsReportTests(GeneratedDataset data)
{
    private const string Tz = "Europe/Berlin";
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly DateOnly To = new(2026, 3, 31);

    [Fact]
    public async Task Per_rep_due_done_on_time_late_missed_and_closed_match_the_follow_up_rows()
    {
        var report = (await Get("")).Data;
        var rows = await FollowUpRowsAsync();
        var now = data.Host.Clock.GetUtcNow().UtcDateTime;
        var owners = data.Leads.ToDictionary(l => l.Id, l => l.OwnerId);

        Assert.Equal(["Alice Adams", "Bob Brown", "Carol Clark", null], report.Reps.Select(r => r.RepName));
        foreach (var rep in report.Reps)
        {
            var due = rows.Where(f => owners[f.ContactId] == rep.RepId && Expected.InPeriod(f.DueAt, Tz, From, To)).ToList();
            var kept = due.Where(f => f.ClosedAt is null).ToList();
            Assert.Equal(kept.Count, rep.Due);
            Assert.Equal(kept.Count(f => f.CompletedAt <= f.DueAt), rep.DoneOnTime);
            Assert.Equal(kept.Count(f => f.CompletedAt > f.DueAt), rep.DoneLate);
            Assert.Equal(kept.Count(f => f.CompletedAt is null && f.DueAt < now), rep.Missed);
            Assert.Equal(kept.Count(f => f.CompletedAt is null && f.DueAt >= now), rep.Pending);
            Assert.Equal(due.Count(f => f.ClosedAt is not null), rep.Closed);
            Assert.Equal(rows.Count(f => owners[f.ContactId] == rep.RepId && f.CompletedAt is null && f.ClosedAt is null && f.DueAt < now), rep.OverdueNow);
        }
        Assert.Equal(report.Reps.Sum(r => r.Due), report.Total.Due);
        // The generated promises and calls give every outcome something to count.
        Assert.True(report.Total.DoneOnTime > 0 && report.Total.DoneLate > 0 && report.Total.Missed > 0 && report.Total.Closed > 0);
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("90", 90)]
    [InlineData("400", 400)]
    public async Task Ripe_leads_are_open_leads_untouched_for_the_given_days(string? ripeDays, int days)
    {
        var report = (await Get(ripeDays is null ? "" : $"&ripeDays={ripeDays}")).Data;

        var cutoff = data.Host.Clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var stageNow = data.Leads.ToDictionary(l => l.Id, l => data.StageChanges.LastOrDefault(s => s.ContactId == l.Id)?.To ?? Stage.New);
        var lastTouch = data.Touches.GroupBy(t => t.ContactId).ToDictionary(g => g.Key, g => g.Max(t => t.OccurredAt));
        var ripe = data.Leads.Where(l => stageNow[l.Id] is not (Stage.Won or Stage.Lost) && (lastTouch.TryGetValue(l.Id, out var at) ? at : l.CreatedAt) < cutoff).ToList();
        Assert.Equal(days, report.RipeDays);
        foreach (var rep in report.Reps) Assert.Equal(ripe.Count(l => l.OwnerId == rep.RepId), rep.Ripe);
    }

    [Fact]
    public async Task A_rep_gets_one_row_their_own_and_a_period_without_follow_ups_answers_zeros()
    {
        var bob = (await data.Host.GetJsonAsync<Report<FollowUpsReportData>>(data.RepClient(data.Bob), "/api/reports/follow-ups?from=2031-01-01&to=2031-01-31")).Data;

        var row = Assert.Single(bob.Reps);
        Assert.Equal((data.Bob.Id, "Bob Brown"), (row.RepId!.Value, row.RepName));
        Assert.Equal((0, 0, 0, 0, 0, 0), (row.Due, row.DoneOnTime, row.DoneLate, row.Missed, row.Pending, row.Closed));
        Assert.Equal(HttpStatusCode.Forbidden, (await data.RepClient(data.Bob).GetAsync("/api/reports/follow-ups?from=2026-01-01&to=2026-01-31&owner=all")).StatusCode);
    }

    [Fact]
    public async Task As_CSV_a_row_per_rep_with_the_ripe_days_in_the_header()
    {
        var rows = Rfc4180.Parse(await data.Manager.GetStringAsync($"/api/reports/follow-ups?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&tz={Tz}&ripeDays=45&format=csv"));

        Assert.Equal(["repId", "rep", "due", "doneOnTime", "doneLate", "missed", "pending", "closed", "overdueNow", "ripe(45d)"], rows[0]);
        Assert.Equal(["Alice Adams", "Bob Brown", "Carol Clark", ""], rows.Skip(1).Select(r => r[1]));
    }

    /// <summary>The follow-up rows as stored, read whole: the test groups them itself.</summary>
    private async Task<List<FollowUp>> FollowUpRowsAsync()
    {
        List<FollowUp> rows = [];
        await data.Host.WithDbAsync(async (db, _) => rows = await db.FollowUps.AsNoTracking().ToListAsync());
        return rows;
    }

    private Task<Report<FollowUpsReportData>> Get(string query) =>
        data.Host.GetJsonAsync<Report<FollowUpsReportData>>(data.Manager, $"/api/reports/follow-ups?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&tz={Tz}{query}");
}
