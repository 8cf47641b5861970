using LeadMail.Api.Auth;
using LeadMail.Api.Contacts;
using LeadMail.Api.Web;
using LeadMail.Core.Assignment;
using LeadMail.Core.Consent;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadMail.Api.HandOvers;

public sealed record HandOverServices(LeadMailDb Db, LeadHandOvers Requests);

public static class HandOverEndpoints
{
    /// <summary>The most pending requests one answer lists; the oldest first, so none waits unseen.</summary>
    public const int ListLimit = 200;

    public static RouteGroupBuilder MapHandOverEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/contacts/{id:int}/hand-over-requests", Request).WithTags("Assignment").WithName("RequestHandOver")
            .WithSummary("Ask for a colleague's lead (one seen restricted); its owner or a manager decides. 409 while the caller's request is pending.");
        var requests = api.MapGroup("/hand-over-requests").WithTags("Assignment");
        requests.MapGet("/", List).WithName("ListHandOverRequests")
            .WithSummary($"Pending requests the caller decides: for leads they own, or every one for a manager; oldest first, at most {ListLimit}.");
        requests.MapGet("/sent", Sent).WithName("SentHandOverRequests")
            .WithSummary($"The caller's own pending requests, each with the lead as the caller may see it; oldest first, at most {ListLimit}. A request cannot be withdrawn.");
        requests.MapPost("/{requestId:int}/accept", Accept).WithName("AcceptHandOver")
            .WithSummary("Hand the lead to the rep who asked, through the audited assignment (owner or manager).");
        requests.MapPost("/{requestId:int}/decline", Decline).WithName("DeclineHandOver").WithSummary("Keep the lead (owner or manager).");
        return api;
    }

    public static async Task<Results<Created<HandOverRequestDto>, ValidationProblem, ProblemHttpResult, NotFound<ProblemDetails>>> Request(
        int id, Caller caller, [AsParameters] HandOverServices services, CancellationToken ct, [FromBody] HandOverWrite? write = null)
    {
        var errors = new FieldErrors();
        errors.MaxLength("note", write?.Note, HandOverRequest.NoteMaxLength);
        if (errors.Any) return TypedResults.ValidationProblem(errors);
        var note = string.IsNullOrWhiteSpace(write?.Note) ? null : write.Note.Trim();

        var result = await services.Requests.RequestAsync(id, caller.RepId, note, ct);
        return result.Outcome switch
        {
            HandOverOutcome.Done => TypedResults.Created($"/api/hand-over-requests/{result.Request!.Id}", await ReadAsync(services.Db, result.Request.Id, ct)),
            HandOverOutcome.AlreadyYours => TypedResults.ValidationProblem(new FieldErrors
                { { "id", "This lead is yours or unassigned: take it with POST /api/contacts/{id}/assign instead of asking." } }),
            HandOverOutcome.AlreadyPending => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Hand-over already requested",
                detail: "Your request for this lead is still waiting for its owner or a manager."),
            _ => ContactEndpoints.NotFoundContact(),
        };
    }

    public static async Task<Ok<List<HandOverRequestDto>>> List(Caller caller, [AsParameters] HandOverServices services, CancellationToken ct) =>
        TypedResults.Ok(await Shape(services.Db, services.Requests.WaitingFor(caller.RepId, caller.IsManager)
            .OrderBy(h => h.RequestedAt).ThenBy(h => h.Id).Take(ListLimit)).ToListAsync(ct));

    public static async Task<Ok<List<SentHandOverDto>>> Sent(Caller caller, [AsParameters] HandOverServices services, TimeProvider clock,
        IOptions<FrequencyCapOptions> cap, CancellationToken ct)
    {
        var db = services.Db;
        var sent = await Shape(db, services.Requests.SentBy(caller.RepId).OrderBy(h => h.RequestedAt).ThenBy(h => h.Id).Take(ListLimit)).ToListAsync(ct);
        var ids = sent.Select(h => h.ContactId).ToList();
        var open = await db.Contacts.VisibleTo(caller).Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var answer = new List<SentHandOverDto>(sent.Count);
        // A rep waits on few requests: one restricted read each keeps the one shape the lookup answers.
        foreach (var request in sent)
        {
            var lead = open.Contains(request.ContactId) ? null : await RestrictedContact.ReadAsync(db, request.ContactId, now, cap.Value, ct);
            answer.Add(new SentHandOverDto(request, lead is null ? null : RestrictedLookupDto.Of(lead)));
        }
        return TypedResults.Ok(answer);
    }

    public static Task<Results<Ok<HandOverRequestDto>, ProblemHttpResult, NotFound<ProblemDetails>>> Accept(
        int requestId, Caller caller, [AsParameters] HandOverServices services, CancellationToken ct) =>
        DecideAsync(requestId, caller, services, accept: true, ct);

    public static Task<Results<Ok<HandOverRequestDto>, ProblemHttpResult, NotFound<ProblemDetails>>> Decline(
        int requestId, Caller caller, [AsParameters] HandOverServices services, CancellationToken ct) =>
        DecideAsync(requestId, caller, services, accept: false, ct);

    private static async Task<Results<Ok<HandOverRequestDto>, ProblemHttpResult, NotFound<ProblemDetails>>> DecideAsync(
        int requestId, Caller caller, HandOverServices services, bool accept, CancellationToken ct)
    {
        var result = await services.Requests.DecideAsync(requestId, caller.RepId, caller.IsManager, accept, ct);
        return result.Outcome switch
        {
            HandOverOutcome.Done => TypedResults.Ok(await ReadAsync(services.Db, requestId, ct)),
            HandOverOutcome.AlreadyDecided => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Hand-over already decided",
                detail: $"This request was {ApiJson.Name(result.Request!.Status)} already."),
            // Only the owner and managers may know a request exists.
            _ => TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Hand-over request not found", Detail = "No request with that id waits for you." }),
        };
    }

    private static Task<HandOverRequestDto> ReadAsync(LeadMailDb db, int id, CancellationToken ct) =>
        Shape(db, db.HandOverRequests.AsNoTracking().Where(h => h.Id == id)).FirstAsync(ct);

    internal static IQueryable<HandOverRequestDto> Shape(LeadMailDb db, IQueryable<HandOverRequest> requests) =>
        requests.Select(h => new HandOverRequestDto
        {
            Id = h.Id,
            ContactId = h.ContactId,
            DisplayName = ContactDto.DisplayNameOf(h.Contact!.FirstName, h.Contact.LastName, h.Contact.Company,
                h.Contact.Emails.Where(e => e.IsPrimary).Select(e => e.Address).FirstOrDefault()),
            Company = h.Contact.Company,
            RequestedBy = db.Reps.Where(r => r.Id == h.RequestedById).Select(r => new HandOverRepDto(r.Id, r.DisplayName, r.Email)).FirstOrDefault(),
            FromRepId = h.FromRepId,
            Note = h.Note,
            Status = h.Status,
            RequestedAt = h.RequestedAt,
            DecidedAt = h.DecidedAt,
            DecidedById = h.DecidedById,
        });
}
