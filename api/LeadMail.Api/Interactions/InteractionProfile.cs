using AutoMapper;
using LeadMail.Core.Interactions;

namespace LeadMail.Api.Interactions;

public sealed class InteractionProfile : Profile
{
    public InteractionProfile()
    {
        CreateMap<Interaction, InteractionDto>()
            .ForMember(d => d.RepName, o => o.MapFrom(i => i.Rep != null ? i.Rep.DisplayName : null))
            .ForMember(d => d.SubjectHidden, o => o.Ignore())
            .ForMember(d => d.CanChange, o => o.Ignore());
        CreateMap<TouchRevision, TouchRevisionDto>()
            .ForMember(d => d.ByRepName, o => o.MapFrom(r => r.ByRep != null ? r.ByRep.DisplayName : null));
    }
}
