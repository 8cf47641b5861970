using LeadMail.Api.Auth;
using LeadMail.Api.Web;
using LeadMail.Core.Assignment;
using LeadMail.Core.Contacts;
using LeadMail.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.Api.Contacts;

/// <summary>The rules every contact write obeys, whether it arrives as a POST or a PATCH.</summary>
public static class ContactWriting
{
    public static async Task<FieldErrors> ValidateAsync(ContactWrite write, Caller caller, int? currentOwnerId, LeadMailDb db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var emails = write.AllEmails();
        if (string.IsNullOrWhiteSpace(write.FirstName) && string.IsNullOrWhiteSpace(write.LastName)
            && string.IsNullOrWhiteSpace(write.Company) && emails.Count == 0)
        {
            errors.Add("email", "A contact needs at least a name, a company or an email address.");
        }
        if (write.Email is not null && !EmailAddress.IsValid(write.Email)) errors.Add("email", $"'{write.Email}' is not a valid email address.");
        for (var i = 0; i < (write.Emails?.Count ?? 0); i++)
        {
            if (!EmailAddress.IsValid(write.Emails![i])) errors.Add($"emails[{i}]", $"'{write.Emails[i]}' is not a valid email address.");
        }
        if (emails.Count > 20) errors.Add("emails", "A contact can have at most 20 addresses.");

        errors.MaxLength("firstName", write.FirstName, 100);
        errors.MaxLength("lastName", write.LastName, 100);
        errors.MaxLength("company", write.Company, 200);
        errors.MaxLength("title", write.Title, 100);
        errors.MaxLength("phone", write.Phone, 40);
        errors.MaxLength("mobilePhone", write.MobilePhone, 40);
        errors.MaxLength("street", write.Street, 200);
        errors.MaxLength("city", write.City, 100);
        errors.MaxLength("postalCode", write.PostalCode, 20);
        errors.MaxLength("region", write.Region, 100);
        errors.MaxLength("background", write.Background, 4000);
        errors.MaxLength("source", write.Source, 100);
        errors.MaxLength("interest", write.Interest, 100);
        errors.MaxLength("nextFollowUpNote", write.NextFollowUpNote, 500);
        if (write.Country is not null && (write.Country.Length != 2 || !write.Country.All(char.IsAsciiLetter)))
            errors.Add("country", "country must be an ISO 3166-1 alpha-2 code such as DE or US.");
        if (write.FirstMetOn is { } met && met.Year < 1900) errors.Add("firstMetOn", "firstMetOn must be a date after 1900.");
        errors.Utc("nextFollowUpDue", write.NextFollowUpDue);

        if (write.OwnerId is { } ownerId && ownerId != currentOwnerId)
        {
            switch (await AssignmentPermissions.CheckAsync(db, caller.RepId, caller.IsManager, ownerId, route: false, ct))
            {
                case AssignmentRefusal.OnlyAManager: errors.Add("ownerId", OnlyAManagerAssigns); break;
                case AssignmentRefusal.NoActiveRep: errors.Add("ownerId", NoActiveRep(ownerId)); break;
            }
        }
        return errors;
    }

    public const string OnlyAManagerAssigns = "A rep can take a lead or leave it unassigned; only a manager assigns it to someone else.";

    public static string NoActiveRep(int? repId) => $"There is no active rep with id {repId}.";

    /// <summary>
    /// The 409 for an address another contact already has. Whoever may open that contact gets its id; for a
    /// colleague's lead the answer names the owner to ask instead, never the id of a contact the caller cannot open.
    /// </summary>
    public static async Task<ProblemHttpResult> AddressTakenAsync(EmailAlreadyKnownException known, Caller caller, ContactServices services, CancellationToken ct)
    {
        var db = services.Db;
        var holder = await db.Contacts.AsNoTracking().Where(c => c.Id == known.ContactId).Select(c => new { c.OwnerId }).FirstOrDefaultAsync(ct);
        if (holder is not null && caller.CanSee(holder.OwnerId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Email already belongs to a contact",
                detail: $"{known.Address} is already an address of another contact.",
                extensions: new Dictionary<string, object?> { ["field"] = "email", ["access"] = ContactAccess.Full, ["contactId"] = known.ContactId });
        }

        var restricted = holder is null ? null
            : await RestrictedContact.ReadAsync(db, known.ContactId, services.Clock.GetUtcNow().UtcDateTime, services.Cap.Value, ct);
        var owner = restricted?.Owner;
        var whose = owner is null ? "a colleague" : $"{owner.Name} ({owner.Email})";
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Email belongs to a colleague's lead",
            detail: $"{known.Address} belongs to a lead of {whose}. Ask them or a manager to hand the lead over instead of adding it again.",
            extensions: new Dictionary<string, object?> { ["field"] = "email", ["access"] = ContactAccess.Restricted, ["owner"] = owner, ["contact"] = restricted });
    }
}
