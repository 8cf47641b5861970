using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;
using LeadMail.Core.Contacts;

namespace LeadMail.Api.Lookup;

/// <summary>
/// The lookup's rows made into the API's DTOs as they are read. They must equal what the AutoMapper
/// profiles make of the same rows; ContactLookupEquivalenceTests holds them to it.
/// </summary>
internal sealed class ContactLookupShape : IContactLookupShape<ContactDto, InteractionDto>
{
    public ContactDto Contact(in LookupContact c, List<string> emails) => new()
    {
        Id = c.Id,
        FirstName = c.FirstName,
        LastName = c.LastName,
        DisplayName = ContactDto.DisplayNameOf(c.FirstName, c.LastName, c.Company, emails.FirstOrDefault()),
        Email = emails.FirstOrDefault(),
        Emails = emails,
        Company = c.Company,
        Title = c.Title,
        Phone = c.Phone,
        MobilePhone = c.MobilePhone,
        Street = c.Street,
        City = c.City,
        PostalCode = c.PostalCode,
        Region = c.Region,
        Country = c.Country,
        Background = c.Background,
        Source = c.Source,
        FirstMetOn = c.FirstMetOn,
        Interest = c.Interest,
        Stage = c.Stage,
        Priority = c.Priority,
        PrioritySetByHand = c.PrioritySetByHand,
        Score = c.Score,
        OwnerId = c.OwnerId,
        OwnerName = c.OwnerName,
        DoNotCall = c.DoNotCall,
        DoNotEmail = c.DoNotEmail,
        Unsubscribed = c.Unsubscribed,
        NextFollowUpDue = c.NextFollowUpDue,
        NextFollowUpNote = c.NextFollowUpNote,
        LastTouchAt = c.LastTouchAt,
        LastInboundAt = c.LastInboundAt,
        TouchesTotal = c.TouchesTotal,
        OutboundSinceConnect = c.OutboundSinceConnect,
        FirstConnectAt = c.FirstConnectAt,
        TouchesBeforeConnect = c.TouchesBeforeConnect,
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
        Version = c.Version,
    };

    public InteractionDto Touch(in LookupTouch t) => new()
    {
        Id = t.Id,
        ContactId = t.ContactId,
        RepId = t.RepId,
        RepName = t.RepName,
        Channel = t.Channel,
        Direction = t.Direction,
        OccurredAt = t.OccurredAt,
        Subject = t.Subject,
        Notes = t.Notes,
        Outcome = t.Outcome,
        Origin = t.Origin,
        IsConnect = t.IsConnect,
        RecordedAt = t.RecordedAt,
        ConsentViolation = t.ConsentViolation,
        ConsentOverrideReason = t.ConsentOverrideReason,
        OverFrequencyCap = t.OverFrequencyCap,
    };
}

public static class ContactLookupRegistration
{
    /// <summary>
    /// What the lookup makes of its rows; the reader itself (one for the process, with its pool of
    /// connections) is the database's, registered with it.
    /// </summary>
    public static IServiceCollection AddContactLookup(this IServiceCollection services) =>
        services.AddSingleton<IContactLookupShape<ContactDto, InteractionDto>, ContactLookupShape>();
}
