using AutoMapper;
using LeadMail.Core.Contacts;

namespace LeadMail.Api.Contacts;

public sealed class ContactProfile : Profile
{
    public ContactProfile()
    {
        // Written so AutoMapper can translate it to SQL (ProjectTo) for the list.
        CreateMap<Contact, ContactDto>()
            .ForMember(d => d.Email, o => o.MapFrom(c => c.Emails.OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Id).Select(e => e.Address).FirstOrDefault()))
            .ForMember(d => d.Emails, o => o.MapFrom(c => c.Emails.OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Id).Select(e => e.Address).ToList()))
            .ForMember(d => d.OwnerName, o => o.MapFrom(c => c.Owner != null ? c.Owner.DisplayName : null))
            // EF Core runs the rule in memory on the columns it reads (a method in the final projection).
            .ForMember(d => d.DisplayName, o => o.MapFrom(c => ContactDto.DisplayNameOf(c.FirstName, c.LastName, c.Company,
                c.Emails.OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Id).Select(e => e.Address).FirstOrDefault())))
            .ForMember(d => d.FrequencyCap, o => o.Ignore());

        CreateMap<Contact, ContactWrite>()
            .ForMember(d => d.Email, o => o.MapFrom(c => c.PrimaryEmail))
            .ForMember(d => d.Emails, o => o.MapFrom(c => c.Emails.OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Id).Select(e => e.Address).ToList()));

        CreateMap<ContactWrite, Contact>()
            // "" or "  " from a form is no value: stored as such it would make a blank display name.
            .AddTransform<string?>(text => string.IsNullOrWhiteSpace(text) ? null : text.Trim())
            .ForMember(c => c.Stage, o => o.MapFrom(w => w.Stage ?? Stage.New))
            .ForMember(c => c.Priority, o => o.MapFrom(w => w.Priority ?? Priority.Medium))
            .ForMember(c => c.Country, o => o.MapFrom(w => w.Country == null ? null : w.Country.ToUpperInvariant()))
            // Addresses are reconciled by ContactEdits; counters belong to the ingest path.
            .ForMember(c => c.Emails, o => o.Ignore())
            .ForMember(c => c.Id, o => o.Ignore())
            .ForMember(c => c.Score, o => o.Ignore())
            .ForMember(c => c.ScoreBase, o => o.Ignore())
            .ForMember(c => c.PrioritySetByHand, o => o.MapFrom(w => w.Priority != null))
            .ForMember(c => c.Owner, o => o.Ignore())
            .ForMember(c => c.Interactions, o => o.Ignore())
            .ForMember(c => c.LastTouchAt, o => o.Ignore())
            .ForMember(c => c.LastInboundAt, o => o.Ignore())
            .ForMember(c => c.TouchesTotal, o => o.Ignore())
            .ForMember(c => c.OutboundSinceConnect, o => o.Ignore())
            .ForMember(c => c.FirstConnectAt, o => o.Ignore())
            .ForMember(c => c.TouchesBeforeConnect, o => o.Ignore())
            .ForMember(c => c.CreatedAt, o => o.Ignore())
            .ForMember(c => c.UpdatedAt, o => o.Ignore())
            .ForMember(c => c.Version, o => o.Ignore())
            // Computed by the database from the name, the phone, and the last touch or creation.
            .ForMember(c => c.NameKey, o => o.Ignore())
            .ForMember(c => c.PhoneKey, o => o.Ignore())
            .ForMember(c => c.QuietSince, o => o.Ignore());
    }
}
