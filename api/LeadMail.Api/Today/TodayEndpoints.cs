using AutoMapper;
using AutoMapper.QueryableExtensions;
using LeadMail.Api.Auth;
using LeadMail.Api.FollowUps;
using LeadMail.Api.HandOvers;
using LeadMail.Api.Web;
using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Api.Today;

public sealed record TodayServices(LeadMailDb Db, IMapper Mapper, TimeProvider Clock, LeadHandOvers HandOvers, IOptions<FollowUpOptions> Options);

public static class TodayEndpoints
{
    /// <summary>The most lines each of the day's lists holds.</summary>
    public const int Limit = 100;

    public static RouteGroupBuilder MapTodayEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me/today", Today).WithTags("FollowUps").WithName("Today")
            .WithSummary($"The caller's day in their time zone (tz, IANA): follow-ups overdue and due today (cadence attempts among them), ripe leads, hand-over requests; at most {Limit} lines each; managers also get a count per rep.");
        return api;
    }

    public static async Task<Results<Ok<TodayDto>, ValidationProblem>> Today(Caller caller, [AsParameters] TodayServices services, CancellationToken ct, string? tz = null)
    {
        if (RepDay.Zone(tz) is not { } zone)
            return TypedResults.ValidationProblem(new FieldErrors { { "tz", "tz must name a time zone the server knows, such as Europe/Berlin." } });
        var now = services.Clock.GetUtcNow().UtcDateTime;
        var day = RepDay.At(now, zone);
        var options = services.Options.Value;
        var db = services.Db;
        var mine = db.Contacts.AsNoTracking().Where(c => c.OwnerId == caller.RepId);

        var overdue = await LinesAsync(mine.Where(c => c.NextFollowUpDue != null && c.NextFollowUpDue < day.StartUtc)
            .OrderBy(c => c.NextFollowUpDue).ThenBy(c => c.Id), services, now, ct);
        var today = await LinesAsync(mine.Where(c => c.NextFollowUpDue >= day.StartUtc && c.NextFollowUpDue < day.EndUtc)
            .OrderBy(c => c.NextFollowUpDue).ThenBy(c => c.Id), services, now, ct);
        // A ripe lead with a follow-up due by tonight is on that list already.
        var ripe = await LinesAsync(mine.UntouchedSince(now.AddDays(-options.RipeAfterDays))
            .Where(c => c.NextFollowUpDue == null || c.NextFollowUpDue >= day.EndUtc)
            .OrderBy(c => c.QuietSince).ThenBy(c => c.Id), services, now, ct);

        var steps = await CadenceStepsAsync(db, overdue.Concat(today).Select(c => c.ContactId).ToList(), ct);
        var handOvers = await HandOverEndpoints.Shape(db, services.HandOvers.WaitingFor(caller.RepId, caller.IsManager)
            .OrderBy(h => h.RequestedAt).ThenBy(h => h.Id).Take(Limit)).ToListAsync(ct);
        var handOverContacts = handOvers.Select(h => h.ContactId).ToList();
        // Most days nobody asks: no round trip for an empty list.
        var handOverLeads = handOverContacts.Count == 0 ? new() : await db.Contacts.AsNoTracking().Where(c => handOverContacts.Contains(c.Id))
            .Select(c => new { c.Id, c.Stage, c.Score }).ToDictionaryAsync(c => c.Id, ct);

        return TypedResults.Ok(new TodayDto
        {
            TimeZone = tz!.Trim(),
            Date = day.Date,
            DayStartsAt = day.StartUtc,
            DayEndsAt = day.EndUtc,
            Limit = Limit,
            Overdue = overdue.ConvertAll(c => Due(c, steps, options)),
            Today = today.ConvertAll(c => Due(c, steps, options)),
            Ripe = ripe.ConvertAll(c => Line(c, TodayKind.Ripe, RepDay.UntouchedLine(c.LastTouchAt ?? c.CreatedAt, now), c.LastTouchAt ?? c.CreatedAt)),
            HandOvers = handOvers.ConvertAll(h => new TodayItem
            {
                ContactId = h.ContactId,
                DisplayName = h.DisplayName,
                Company = h.Company,
                Email = h.RequestedBy?.Email,
                Kind = TodayKind.HandOver,
                Why = h.Note ?? $"{h.RequestedBy?.Name ?? "A colleague"} asks for this lead",
                When = h.RequestedAt,
                Stage = handOverLeads.TryGetValue(h.ContactId, out var lead) ? lead.Stage : default,
                Score = lead?.Score ?? 0,
                HandOverRequestId = h.Id,
            }),
            PerRep = caller.IsManager ? await PerRepAsync(db, day, ct) : null,
        });
    }

    private static Task<List<CallListItem>> LinesAsync(IQueryable<Contact> contacts, TodayServices services, DateTime now, CancellationToken ct) =>
        contacts.Take(Limit).ProjectTo<CallListItem>(services.Mapper.ConfigurationProvider, new { now }).ToListAsync(ct);

    /// <summary>The attempt each contact's open cadence step proposes, for the contacts on the due lists.</summary>
    private static Task<Dictionary<int, int>> CadenceStepsAsync(LeadMailDb db, List<int> ids, CancellationToken ct) => ids.Count == 0
        ? Task.FromResult(new Dictionary<int, int>())
        : db.FollowUps.AsNoTracking()
            .Where(f => ids.Contains(f.ContactId) && f.CompletedAt == null && f.ClosedAt == null && f.Kind == FollowUpKind.Cadence && f.Attempt != null)
            .Select(f => new { f.ContactId, Attempt = f.Attempt!.Value })
            .ToDictionaryAsync(f => f.ContactId, f => f.Attempt, ct);

    private static TodayItem Due(CallListItem c, Dictionary<int, int> steps, FollowUpOptions options) =>
        steps.TryGetValue(c.ContactId, out var attempt)
            ? Line(c, TodayKind.CadenceAttempt, RepDay.AttemptLine(attempt, options.MaxAttempts), c.NextFollowUpDue!.Value) with { Attempt = attempt }
            : Line(c, TodayKind.FollowUp, c.NextFollowUpNote, c.NextFollowUpDue!.Value);

    private static TodayItem Line(CallListItem c, TodayKind kind, string? why, DateTime when) => new()
    {
        ContactId = c.ContactId,
        DisplayName = c.DisplayName,
        Company = c.Company,
        Email = c.Email,
        Kind = kind,
        Why = why,
        When = when,
        Stage = c.Stage,
        Score = c.Score,
    };

    /// <summary>One grouped read: each owner's follow-ups before tonight, split at the start of the manager's day.</summary>
    private static async Task<List<RepDayCount>> PerRepAsync(LeadMailDb db, RepDay day, CancellationToken ct)
    {
        var start = day.StartUtc;
        var counts = await db.Contacts.AsNoTracking()
            .Where(c => c.OwnerId != null && c.NextFollowUpDue != null && c.NextFollowUpDue < day.EndUtc)
            .GroupBy(c => c.OwnerId!.Value)
            .Select(g => new { RepId = g.Key, Overdue = g.Sum(c => c.NextFollowUpDue < start ? 1 : 0), Today = g.Sum(c => c.NextFollowUpDue >= start ? 1 : 0) })
            .ToListAsync(ct);
        var ids = counts.ConvertAll(c => c.RepId);
        var names = await db.Reps.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.DisplayName, ct);
        return counts.ConvertAll(c => new RepDayCount(c.RepId, names.GetValueOrDefault(c.RepId, ""), c.Overdue, c.Today))
            .OrderByDescending(c => c.Overdue).ThenByDescending(c => c.Today).ThenBy(c => c.RepId).ToList();
    }
}
