using AutoMapper;
using LeadMail.Core.Reps;

namespace LeadMail.Api.Reps;

public sealed class RepProfile : Profile
{
    public RepProfile()
    {
        CreateMap<Rep, RepDto>();
        CreateMap<Rep, RepWrite>();
        CreateMap<RepWrite, Rep>()
            .ForMember(r => r.Id, o => o.Ignore())
            .ForMember(r => r.CreatedAt, o => o.Ignore())
            .ForMember(r => r.UpdatedAt, o => o.Ignore());
    }
}
