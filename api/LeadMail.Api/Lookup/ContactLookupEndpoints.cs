using LeadMail.Api.Auth;
using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;
using LeadMail.Api.Web;
using LeadMail.Core.Consent;
using LeadMail.Core.Contacts;
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
        contacts.MapGet("/lookup", Lookup).WithName("LookupContact").WithSummary("The task pane's one round trip: a contact by email with its latest touches.");
        return contacts;
    }

    public static async Task<Results<BufferedJson<ContactLookupDto>, NotFound<ProblemDetails>, ValidationProblem>> Lookup(
        Caller caller, IContactLookup<ContactDto, InteractionDto> reader, TimeProvider clock, IOptions<FrequencyCapOptions> capOptions, CancellationToken ct,
        string? email = null, string? internetMessageId = null)
    {
        if (!EmailAddress.IsValid(email)) return TypedResults.ValidationProblem(new FieldErrors { { "email", "email must be a valid email address." } });
        var now = clock.GetUtcNow().UtcDateTime;

        var found = await reader.ReadAsync(EmailAddress.Normalize(email!), caller.CanSee, internetMessageId, now, capOptions.Value, ct);
        if (found is null) return ContactEndpoints.NotFoundContact();

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
        });
    }
}
