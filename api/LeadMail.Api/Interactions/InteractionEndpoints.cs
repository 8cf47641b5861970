using System.Text.Json.Nodes;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using LeadMail.Api.Auth;
using LeadMail.Api.Contacts;
using LeadMail.Api.Web;
using LeadMail.Core.Consent;
using LeadMail.Core.Interactions;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Interactions;

public sealed record InteractionServices(LeadMailDb Db, IMapper Mapper, TimeProvider Clock, TouchIngest Ingest, ILoggerFactory Logs);

public static class InteractionEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Maps the touch routes under <c>/api/contacts/{id}/interactions</c>.</summary>
    public static RouteGroupBuilder MapInteractionEndpoints(this RouteGroupBuilder contacts)
    {
        var group = contacts.MapGroup("/{id:int}/interactions").WithTags("Interactions");
        group.MapGet("/", List).WithName("ListInteractions").WithSummary("A contact's touches, newest first, in pages.");
        group.MapGet("/{interactionId:long}", Get).WithName("GetInteraction").WithSummary("One touch.");
        group.MapPost("/", Log).WithName("LogInteraction")
            .WithSummary("Log a touch by hand (a call, a note…). Send an Idempotency-Key so a retry never logs it twice.");
        group.MapPatch("/{interactionId:long}", Correct).WithName("CorrectInteraction")
            .WithSummary("Correct a touch logged by hand (its time, outcome, subject, notes) with a JSON merge patch.")
            .Accepts<TouchCorrectionWrite>("application/merge-patch+json", "application/json");
        group.MapDelete("/{interactionId:long}", Remove).WithName("RemoveInteraction")
            .WithSummary("Remove a touch logged by mistake; the lead's counters, score and follow-up are recomputed.");
        return contacts;
    }

    public static async Task<Results<Ok<Page<InteractionDto>>, NotFound<ProblemDetails>, ValidationProblem>> List(
        int id, Caller caller, [AsParameters] InteractionServices services, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = PageCursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (!await IsVisibleAsync(id, caller, services.Db, ct)) return ContactEndpoints.NotFoundContact();

        var rows = await services.Db.Interactions.AsNoTracking().Where(i => i.ContactId == id)
            .PageNewestFirst(i => i.OccurredAt, i => i.Id, take, after).ProjectTo<InteractionDto>(services.Mapper.ConfigurationProvider).ToListAsync(ct);
        var page = PageCursor.ToPage(rows, take, i => new PageCursor(i.Id, i.OccurredAt));
        return TypedResults.Ok(page with { Items = page.Items.Select(i => i.ForCaller(caller)).ToList() });
    }

    public static async Task<Results<Ok<InteractionDto>, NotFound<ProblemDetails>>> Get(
        int id, long interactionId, Caller caller, [AsParameters] InteractionServices services, CancellationToken ct)
    {
        if (!await IsVisibleAsync(id, caller, services.Db, ct)) return ContactEndpoints.NotFoundContact();
        var touch = await FindDtoAsync(id, interactionId, services, ct);
        return touch is null ? NotFoundTouch() : TypedResults.Ok(touch.ForCaller(caller));
    }

    public static async Task<Results<Created<InteractionDto>, Ok<InteractionDto>, NotFound<ProblemDetails>, ValidationProblem, Conflict<ProblemDetails>, UnprocessableEntity<ProblemDetails>>> Log(
        int id, InteractionWrite write, Caller caller, [AsParameters] InteractionServices services, HttpContext http, CancellationToken ct)
    {
        var headerKey = http.Request.Headers[IdempotencyKeyHeader].ToString();
        var errors = Validate(write, headerKey, services.Clock.GetUtcNow().UtcDateTime);
        if (errors.Any) return TypedResults.ValidationProblem(errors);
        if (!await IsVisibleAsync(id, caller, services.Db, ct)) return ContactEndpoints.NotFoundContact();

        var channel = write.Channel!.Value;
        var key = string.IsNullOrEmpty(headerKey) ? write.IdempotencyKey : headerKey;
        var direction = write.Direction ?? DefaultDirection(channel);
        var touch = new Touch(
            ContactId: id,
            RepId: caller.RepId,
            Channel: channel,
            Direction: direction,
            OccurredAt: write.OccurredAt?.ToUniversalTime() ?? services.Clock.GetUtcNow().UtcDateTime,
            // An email's own id first (shared with the sync worker); without a client key every request is a new touch.
            NaturalKey: !string.IsNullOrWhiteSpace(write.InternetMessageId)
                ? TouchKey.ForMail(write.InternetMessageId, direction)
                : TouchKey.ForClient(key ?? Guid.NewGuid().ToString("N")),
            Origin: write.Origin ?? Origin.Api,
            Outcome: write.Outcome,
            Subject: write.Subject,
            Notes: write.Notes)
        {
            ConsentOverrideReason = write.ConsentOverrideReason,
        };

        RecordedTouch recorded;
        try
        {
            recorded = await services.Ingest.RecordAsync(touch, KnownTouchPolicy.Keep, ct);
        }
        catch (ConsentRefusedException refused)
        {
            var flag = ApiJson.Name(refused.Flag);
            return TypedResults.UnprocessableEntity(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The contact does not consent to this touch",
                Detail = $"The contact is flagged {flag}. Log it anyway only with a consentOverrideReason saying why.",
                Extensions = { ["flag"] = flag, ["field"] = "consentOverrideReason" },
            });
        }
        var stored = recorded.Interaction;
        if (recorded.Result == TouchResult.AlreadyRecorded && !SameTouch(stored, touch, write.OccurredAt is null))
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = 409,
                Title = "Idempotency key reused",
                Detail = "This idempotency key was already used for a different touch. Use a new key for a new touch.",
                Extensions = { ["field"] = "idempotencyKey", ["interactionId"] = stored.Id },
            });
        }

        var dto = (await FindDtoAsync(id, stored.Id, services, ct))!.ForCaller(caller);
        return recorded.Result == TouchResult.Recorded
            ? TypedResults.Created($"/api/contacts/{id}/interactions/{stored.Id}", dto)
            : TypedResults.Ok(dto);
    }

    public static async Task<Results<Ok<InteractionDto>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult>> Correct(
        int id, long interactionId, JsonObject patch, Caller caller, [AsParameters] InteractionServices services, CancellationToken ct)
    {
        var (touch, notFound, refused) = await FindChangeableAsync(id, interactionId, caller, services, ct);
        if (notFound is not null) return notFound;
        if (touch is null) return refused!;

        var current = new TouchCorrectionWrite { OccurredAt = touch.OccurredAt, Outcome = touch.Outcome, Subject = touch.Subject, Notes = touch.Notes };
        if (!MergePatch.TryApply(current, patch, out var write, out var patchErrors))
        {
            foreach (var fixedField in new[] { "channel", "direction", "origin", "repId" }.Where(patch.ContainsKey))
                patchErrors[fixedField] = [$"A touch's {fixedField} cannot be corrected: remove the touch and log it again."];
            return TypedResults.ValidationProblem(patchErrors);
        }
        // The rules a new touch of this channel and direction obeys.
        var errors = Validate(new InteractionWrite
        {
            Channel = touch.Channel, Direction = touch.Direction, OccurredAt = write.OccurredAt, Outcome = write.Outcome, Subject = write.Subject, Notes = write.Notes,
        }, headerKey: "", services.Clock.GetUtcNow().UtcDateTime);
        if (write.OccurredAt is null) errors.Add("occurredAt", "occurredAt cannot be cleared: a touch happened at some time.");
        if (errors.Any) return TypedResults.ValidationProblem(errors);

        var correction = new TouchCorrection(write.OccurredAt!.Value.ToUniversalTime(), write.Outcome, write.Subject, write.Notes);
        if (await services.Ingest.CorrectAsync(id, interactionId, correction, caller.RepId, ct) is null) return NotFoundTouch();
        Audit(services).LogInformation("Touch {InteractionId} of contact {ContactId} corrected by rep {RepId}: {Fields}",
            interactionId, id, caller.RepId, string.Join(", ", patch.Select(p => p.Key)));
        return TypedResults.Ok((await FindDtoAsync(id, interactionId, services, ct))!.ForCaller(caller));
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>, ProblemHttpResult>> Remove(
        int id, long interactionId, Caller caller, [AsParameters] InteractionServices services, CancellationToken ct)
    {
        var (touch, notFound, refused) = await FindChangeableAsync(id, interactionId, caller, services, ct);
        if (notFound is not null) return notFound;
        if (touch is null) return refused!;
        if (!await services.Ingest.RemoveAsync(id, interactionId, caller.RepId, ct)) return NotFoundTouch();
        // The touch itself is gone; who removed what stays in the log.
        Audit(services).LogInformation("Touch {InteractionId} of contact {ContactId} removed by rep {RepId}: {Channel} {Direction} at {OccurredAt:O}, logged by rep {LoggedBy} ({Origin})",
            interactionId, id, caller.RepId, touch.Channel, touch.Direction, touch.OccurredAt, touch.RepId, touch.Origin);
        return TypedResults.NoContent();
    }

    private static ILogger Audit(InteractionServices services) => services.Logs.CreateLogger("LeadMail.Api.Interactions.TouchChanges");

    /// <summary>
    /// A touch the caller may correct or remove (<see cref="TouchChangeRules"/>); otherwise the answer to give instead.
    /// </summary>
    private static async Task<(Interaction? Touch, NotFound<ProblemDetails>? NotFound, ProblemHttpResult? Refused)> FindChangeableAsync(
        int contactId, long interactionId, Caller caller, InteractionServices services, CancellationToken ct)
    {
        if (!await IsVisibleAsync(contactId, caller, services.Db, ct)) return (null, ContactEndpoints.NotFoundContact(), null);
        var touch = await services.Db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.ContactId == contactId && i.Id == interactionId, ct);
        if (touch is null) return (null, NotFoundTouch(), null);
        return TouchChangeRules.Refusal(touch.Origin, touch.RepId, touch.ConsentViolation, caller.RepId, caller.IsManager) switch
        {
            TouchChangeRefusal.Synced => (null, null, TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Synced touches follow the mailbox",
                detail: "This touch was logged from a mailbox by the sync worker; a change to the email or meeting there updates it.")),
            TouchChangeRefusal.ConsentRecord => (null, null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A record of consent overridden",
                detail: "This touch went against the contact's consent flags and is kept as the record of it; a manager can correct or remove it.")),
            TouchChangeRefusal.NotYours => (null, null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your touch",
                detail: "A rep corrects or removes the touches they logged themselves; a manager can change any logged by hand.")),
            _ => (touch, null, null),
        };
    }

    private static NotFound<ProblemDetails> NotFoundTouch() => TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Touch not found" });

    private static FieldErrors Validate(InteractionWrite write, string headerKey, DateTime now)
    {
        var errors = new FieldErrors();
        if (write.Channel is not { } channel)
        {
            errors.Add("channel", $"channel is required: one of {string.Join(", ", Enum.GetValues<Channel>().Select(ApiJson.Name))}.");
            return errors;
        }
        if (TouchOutcomes.DirectionRequired(channel) && write.Direction is null or Direction.None)
            errors.Add("direction", "An email is either inbound or outbound.");
        if (write.Outcome is { } outcome && !TouchOutcomes.Allows(channel, outcome))
            errors.Add("outcome", $"A {ApiJson.Name(channel)} cannot have the outcome {ApiJson.Name(outcome)}.");
        if (TouchOutcomes.Required(channel) && write.Outcome is null)
            errors.Add("outcome", "A call needs an outcome: connected, leftMessage, spokeToSomeoneElse or noAnswer.");
        errors.Utc("occurredAt", write.OccurredAt);
        if (write.OccurredAt?.ToUniversalTime() > now.AddMinutes(5))
            errors.Add("occurredAt", "occurredAt is in the future: log a touch once it has happened, or set a follow-up instead.");
        if (write.OccurredAt?.Year < 1900) errors.Add("occurredAt", "occurredAt must be after 1900.");
        if (write.Origin is Origin.Sync) errors.Add("origin", "Only the sync worker records touches with origin sync.");
        errors.MaxLength("subject", write.Subject, 400);
        errors.MaxLength("notes", write.Notes, 4000);
        errors.MaxLength("idempotencyKey", write.IdempotencyKey, 200);
        errors.MaxLength("internetMessageId", write.InternetMessageId, 1000);
        if (write.InternetMessageId is not null && channel is not Channel.Email)
            errors.Add("internetMessageId", "internetMessageId belongs to an email touch only.");
        errors.MaxLength("consentOverrideReason", write.ConsentOverrideReason, 500);
        if (headerKey.Length > 200) errors.Add(IdempotencyKeyHeader, $"The {IdempotencyKeyHeader} header must be at most 200 characters.");
        if (headerKey.Length > 0 && write.IdempotencyKey is not null && write.IdempotencyKey != headerKey)
            errors.Add("idempotencyKey", $"The body's idempotencyKey and the {IdempotencyKeyHeader} header differ.");
        return errors;
    }

    private static Direction DefaultDirection(Channel channel) =>
        channel is Channel.Note or Channel.Meeting ? Direction.None : Direction.Outbound;

    /// <summary>A retry carries the same touch; the same key with another touch is a client bug worth reporting.</summary>
    private static bool SameTouch(Interaction stored, Touch touch, bool occurredAtDefaulted) =>
        stored.Channel == touch.Channel && stored.Direction == touch.Direction && stored.Outcome == touch.Outcome
        && stored.Subject == touch.Subject && stored.Notes == touch.Notes
        && (occurredAtDefaulted || stored.OccurredAt == touch.OccurredAt);

    private static Task<bool> IsVisibleAsync(int contactId, Caller caller, LeadMailDb db, CancellationToken ct) =>
        db.Contacts.VisibleTo(caller).AnyAsync(c => c.Id == contactId, ct);

    private static Task<InteractionDto?> FindDtoAsync(int contactId, long interactionId, InteractionServices services, CancellationToken ct) =>
        services.Db.Interactions.AsNoTracking().Where(i => i.ContactId == contactId && i.Id == interactionId)
            .ProjectTo<InteractionDto>(services.Mapper.ConfigurationProvider).FirstOrDefaultAsync(ct);
}
