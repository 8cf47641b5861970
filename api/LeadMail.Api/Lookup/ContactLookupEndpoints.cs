using LeadMail.Api.Auth;
using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;
using LeadMail.Api.Web;
using LeadMail.Core.Consent;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LeadMail.Api.Lookup;

/// <summary>The task pane's lookup: a contact with its latest touches, so it composes both features.</summary>
public static class ContactLookupEndpoints
{
    /// <summary>Maps <c>/lookup</c> on the contacts group, whose tag it shares.</summary>
    public static RouteGroupBuilder MapContactLookupEndpoints(this RouteGroupBuilder contacts)
    {
        contacts.MapGet("/lookup", Lookup).WithName("LookupContact")
            .WithSummary("The task pane's one round trip: a contact by email with its latest touches (historyFetching: its past mail and meetings are still being fetched); a colleague's lead as its restricted view.");
        return contacts;
    }

    public static async Task<Results<BufferedJson<ContactLookupDto>, BufferedJson<RestrictedLookupDto>, NotFound<ProblemDetails>, ValidationProblem>> Lookup(
        Caller caller, IContactLookup<ContactDto, InteractionDto> reader, TimeProvider clock, IOptions<FrequencyCapOptions> capOptions, HttpContext http,
        CancellationToken ct, string? email = null, string? internetMessageId = null)
    {
        if (!EmailAddress.IsValid(email)) return TypedResults.ValidationProblem(new FieldErrors { { "email", "email must be a valid email address." } });
        var now = clock.GetUtcNow().UtcDateTime;

        var result = await reader.ReadAsync(EmailAddress.Normalize(email!), caller.CanSee, internetMessageId, now, capOptions.Value, ct);
        if (result.RestrictedContactId is { } restrictedId)
        {
            // A context only on this branch: the pane's usual lookup never rents one.
            var db = http.RequestServices.GetRequiredService<LeadMailDb>();
            var restricted = await RestrictedContact.ReadAsync(db, restrictedId, now, capOptions.Value, ct);
            return restricted is null ? ContactEndpoints.NotFoundContact() : new BufferedJson<RestrictedLookupDto>(RestrictedLookupDto.Of(restricted));
        }
        if (result.Rows is not { } found) return ContactEndpoints.NotFoundContact();

        var cap = FrequencyCapDto.Of(found.Cap);
        var contact = found.Contact with { FrequencyCap = cap };
        return new BufferedJson<ContactLookupDto>(new ContactLookupDto
        {
            Contact = contact,
            Interactions = found.Interactions.ConvertAll(touch => touch.ForCaller(caller)),
            NextFollowUpDue = contact.NextFollowUpDue,
            NextFollowUpNote = contact.NextFollowUpNote,
            FollowUpOverdue = contact.NextFollowUpDue < now,
            DoNotCall = contact.DoNotCall,
            DoNotEmail = contact.DoNotEmail,
            Unsubscribed = contact.Unsubscribed,
            TouchesLast7Days = found.TouchesLast7Days,
            OutboundTouchesLast7Days = found.OutboundTouchesLast7Days,
            FrequencyCap = cap,
            MessageLogged = found.MessageLogged,
            HistoryFetching = found.HistoryFetching,
        });
    }
}
