using LeadMail.Api.Auth;
using LeadMail.Api.Contacts;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using LeadMail.Core.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Api.Scoring;

/// <summary>Why a contact scores what it scores: each event's points then and now.</summary>
public sealed record ScoreExplanationDto(
    int ContactId, double Score, Priority Priority, bool PrioritySetByHand, double HalfLifeDays,
    double HighThreshold, double MediumThreshold, DateTime At, IReadOnlyList<ScoreEvent> Events);

public sealed record ScoreRecalculationDto(int ContactsUpdated, DateTime At);

public sealed record ScoreRebuildDto(int ContactsRescored, DateTime At);

public sealed record ScoreServices(LeadMailDb Db, TimeProvider Clock, LeadScore Score, ScoreDecay Decay, IOptions<ScoringOptions> Options);

public static class ScoreEndpoints
{
    public static RouteGroupBuilder MapScoreEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/contacts/{id:int}/score", Explain).WithTags("Scoring").WithName("ExplainScore")
            .WithSummary("The contact's score now and the events that gave its points, each decayed by the half-life.");
        api.MapPost("/scores/recalculate", Recalculate).WithTags("Scoring").WithName("RecalculateScores")
            .WithSummary("Bring every stored score and derived priority to now in one set-based update (managers only; also runs on a timer).")
            .RequireAuthorization(AppRoles.ManagerPolicy);
        api.MapPost("/scores/rebuild", Rebuild).WithTags("Scoring").WithName("RebuildScores")
            .WithSummary("Recompute every contact's score from its touches with the scoring weights as configured now (managers only). The API does this by itself when it starts with changed Scoring:* weights.")
            .RequireAuthorization(AppRoles.ManagerPolicy);
        return api;
    }

    public static async Task<Results<Ok<ScoreExplanationDto>, NotFound<ProblemDetails>>> Explain(
        int id, Caller caller, [AsParameters] ScoreServices services, CancellationToken ct)
    {
        var contact = await services.Db.Contacts.AsNoTracking().VisibleTo(caller).Where(c => c.Id == id)
            .Select(c => new { c.Priority, c.PrioritySetByHand, c.ScoreBase }).FirstOrDefaultAsync(ct);
        if (contact is null) return ContactEndpoints.NotFoundContact();
        var touches = await services.Db.Interactions.AsNoTracking().Where(i => i.ContactId == id)
            .Select(i => new ScoredTouch(i.Id, i.Channel, i.Direction, i.Outcome, i.OccurredAt)).ToListAsync(ct);

        var now = services.Clock.GetUtcNow().UtcDateTime;
        var events = services.Score.Explain(touches, now);
        var (score, priority) = services.Score.CurrentOf(contact.ScoreBase, contact.PrioritySetByHand, contact.Priority, now);
        var options = services.Options.Value;
        return TypedResults.Ok(new ScoreExplanationDto(id, score, priority, contact.PrioritySetByHand, options.HalfLifeDays,
            options.HighThreshold, options.MediumThreshold, now, events));
    }

    public static async Task<Ok<ScoreRebuildDto>> Rebuild(ScoringRulesCheck rules, TimeProvider clock, CancellationToken ct)
    {
        var rescored = await rules.RebuildAsync(ct);
        return TypedResults.Ok(new ScoreRebuildDto(rescored, clock.GetUtcNow().UtcDateTime));
    }

    public static async Task<Ok<ScoreRecalculationDto>> Recalculate([AsParameters] ScoreServices services, CancellationToken ct)
    {
        var updated = await services.Decay.RecalculateAsync(ct);
        return TypedResults.Ok(new ScoreRecalculationDto(updated, services.Clock.GetUtcNow().UtcDateTime));
    }
}
