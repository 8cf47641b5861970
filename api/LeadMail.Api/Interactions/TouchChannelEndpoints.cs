using LeadMail.Core.Interactions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadMail.Api.Interactions;

/// <summary>A channel a touch is logged on, with the outcomes the API accepts for it.</summary>
/// <param name="Outcomes">In the order a form offers them; empty when the channel has none.</param>
/// <param name="OutcomeRequired">A touch on the channel is refused without an outcome.</param>
/// <param name="DefaultOutcome">The outcome a fresh touch starts with, or null for none.</param>
/// <param name="DirectionRequired">The touch is inbound or outbound (an email), logged from the message rather than by hand.</param>
public sealed record TouchChannelDto(Channel Channel, IReadOnlyList<Outcome> Outcomes, bool OutcomeRequired, Outcome? DefaultOutcome, bool DirectionRequired);

/// <summary>The touch rules a form needs before it sends anything, so the pane asks instead of copying them.</summary>
public static class TouchChannelEndpoints
{
    public static RouteGroupBuilder MapTouchChannelEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/touch-channels", List).WithTags("Interactions").WithName("TouchChannels")
            .WithSummary("Every channel a touch is logged on, with the outcomes it allows, whether one is required and which one a form starts with.");
        return api;
    }

    public static Ok<IReadOnlyList<TouchChannelDto>> List() =>
        TypedResults.Ok<IReadOnlyList<TouchChannelDto>>(Enum.GetValues<Channel>()
            .Select(c => new TouchChannelDto(c, TouchOutcomes.For(c), TouchOutcomes.Required(c), TouchOutcomes.Default(c), TouchOutcomes.DirectionRequired(c)))
            .ToList());
}
