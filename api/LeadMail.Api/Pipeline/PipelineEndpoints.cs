using LeadMail.Api.Auth;
using LeadMail.Api.Contacts;
using LeadMail.Api.Web;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using LeadMail.Core.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Pipeline;

/// <summary>The body of POST /api/contacts/{id}/stage.</summary>
public sealed record StageMoveWrite(Stage? Stage, [property: MultiLineText] string? Reason);

/// <summary>One move of the history, oldest first.</summary>
public sealed record StageChangeDto(long Id, Stage? From, Stage To, string? Reason, int? ByRepId, string? ByName, DateTime At);

/// <summary>A move the table allows from a stage.</summary>
public sealed record StageMoveDto(Stage From, Stage To, bool ReasonRequired, bool ManagerOnly);

public sealed record PipelineServices(LeadMailDb Db, StageChanges Stages);

public static class PipelineEndpoints
{
    /// <summary>Maps the stage routes under <c>/api/contacts/{id}</c> and the table under <c>/api/pipeline</c>.</summary>
    public static RouteGroupBuilder MapPipelineEndpoints(this RouteGroupBuilder api)
    {
        var contact = api.MapGroup("/contacts/{id:int}").WithTags("Pipeline");
        contact.MapPost("/stage", Move).WithName("MoveStage")
            .WithSummary("Move a contact to another stage, with a reason (required for lost, nurture, backwards from proposal or agreement, and reopening).");
        contact.MapGet("/stage-history", History).WithName("StageHistory").WithSummary("Every stage the contact went through: from, to, reason, by whom, when.");
        api.MapGet("/pipeline/transitions", Transitions).WithTags("Pipeline").WithName("StageTransitions")
            .WithSummary("The transition table: which moves are allowed, which need a reason, which only a manager may make.");
        return api;
    }

    public static async Task<Results<Ok<ContactDto>, NotFound<ProblemDetails>, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> Move(
        int id, StageMoveWrite write, Caller caller, StageChanges stages, [AsParameters] ContactServices contacts, HttpContext http, CancellationToken ct)
    {
        var services = new PipelineServices(contacts.Db, stages);
        var errors = new FieldErrors();
        if (write.Stage is null) errors.Add("stage", $"stage is required: one of {string.Join(", ", Enum.GetValues<Stage>().Select(ApiJson.Name))}.");
        errors.MaxLength("reason", write.Reason, StageChanges.ReasonMaxLength);
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        var db = services.Db;
        var attempt = await db.InTransactionAsync(async token =>
        {
            var contact = await db.Contacts.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, token);
            if (contact is null) return null;
            var stageBefore = contact.Stage;
            var moveResult = await services.Stages.MoveAsync(contact, write.Stage!.Value, write.Reason, caller.RepId, caller.IsManager, token);
            if (moveResult.Outcome == StageMoveOutcome.Moved) await db.SaveChangesAsync(token);
            return new { From = stageBefore, Result = moveResult };
        }, ct);
        if (attempt is null) return ContactEndpoints.NotFoundContact();

        var (from, result) = (attempt.From, attempt.Result);
        var allowed = result.Allowed.Select(m => new StageMoveDto(m.From, m.To, m.ReasonRequired, m.ManagerOnly)).ToList();
        switch (result.Outcome)
        {
            case StageMoveOutcome.NotAllowed:
                return TypedResults.Conflict(new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "Stage move not allowed",
                    Detail = $"A contact in {ApiJson.Name(from)} cannot move to {ApiJson.Name(write.Stage!.Value)}. Allowed: "
                        + (allowed.Count == 0 ? "none" : string.Join(", ", allowed.Select(m => ApiJson.Name(m.To)))) + ".",
                    Extensions = { ["field"] = "stage", ["from"] = ApiJson.Name(from), ["allowed"] = allowed },
                });
            case StageMoveOutcome.ManagerOnly:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only a manager can reopen a closed lead",
                    detail: $"Reopening a {ApiJson.Name(from)} lead is a manager's decision.", extensions: new Dictionary<string, object?> { ["field"] = "stage" });
            case StageMoveOutcome.ReasonRequired:
                return TypedResults.ValidationProblem(new FieldErrors
                {
                    { "reason", $"Moving from {ApiJson.Name(from)} to {ApiJson.Name(write.Stage!.Value)} needs a reason." },
                });
        }

        var dto = (await ContactEndpoints.FindDtoAsync(id, caller, contacts, ct))
            // Returned from nurture and routed to someone else: the caller may no longer see it, but the move happened.
            ?? (await ContactEndpoints.FindDtoAsync(id, caller with { IsManager = true }, contacts, ct))!;
        http.Response.Headers.ETag = ContactEndpoints.ETagOf(dto.Version);
        return TypedResults.Ok(dto);
    }

    public static async Task<Results<Ok<List<StageChangeDto>>, NotFound<ProblemDetails>>> History(
        int id, Caller caller, [AsParameters] PipelineServices services, CancellationToken ct)
    {
        if (!await services.Db.Contacts.VisibleTo(caller).AnyAsync(c => c.Id == id, ct)) return ContactEndpoints.NotFoundContact();
        var rows = await (
                from change in services.Db.StageChanges.AsNoTracking()
                where change.ContactId == id
                join rep in services.Db.Reps on change.ByRepId equals rep.Id into reps
                from rep in reps.DefaultIfEmpty()
                orderby change.At, change.Id
                select new StageChangeDto(change.Id, change.From, change.To, change.Reason, change.ByRepId, rep != null ? rep.DisplayName : null, change.At))
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    public static Ok<List<StageMoveDto>> Transitions() =>
        TypedResults.Ok(StageTransitions.All.Select(m => new StageMoveDto(m.From, m.To, m.ReasonRequired, m.ManagerOnly)).ToList());
}
