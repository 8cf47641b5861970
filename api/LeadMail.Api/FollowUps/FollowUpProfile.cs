using AutoMapper;
using LeadMail.Core.Contacts;
using LeadMail.Core.FollowUps;

namespace LeadMail.Api.FollowUps;

public sealed class FollowUpProfile : Profile
{
    public FollowUpProfile()
    {
        CreateMap<FollowUp, FollowUpDto>()
            .ForMember(d => d.Open, o => o.MapFrom(f => f.CompletedAt == null && f.ClosedAt == null));

        // Set per query (ProjectTo's parameters) so "overdue" is judged by the API's clock.
        var now = DateTime.MinValue;
        CreateMap<Contact, CallListItem>()
            .ForMember(d => d.ContactId, o => o.MapFrom(c => c.Id))
            .ForMember(d => d.Email, o => o.MapFrom(c => c.Emails.OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Id).Select(e => e.Address).FirstOrDefault()))
            .ForMember(d => d.DisplayName, o => o.MapFrom(c =>
                c.FirstName != null || c.LastName != null
                    ? (c.FirstName ?? "") + (c.FirstName != null && c.LastName != null ? " " : "") + (c.LastName ?? "")
                    : c.Company ?? c.Emails.OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Id).Select(e => e.Address).FirstOrDefault() ?? ""))
            .ForMember(d => d.Overdue, o => o.MapFrom(c => c.NextFollowUpDue != null && c.NextFollowUpDue < now));
    }
}
