namespace LeadMail.Core.Interactions;

/// <summary>The outcomes that make sense for each channel; a touch without an outcome is fine except for a call.</summary>
public static class TouchOutcomes
{
    private static readonly Dictionary<Channel, Outcome[]> ByChannel = new()
    {
        [Channel.Call] = [Outcome.Connected, Outcome.LeftMessage, Outcome.SpokeToSomeoneElse, Outcome.NoAnswer],
        [Channel.Voicemail] = [Outcome.LeftMessage],
        [Channel.Email] = [Outcome.Bounced],
        [Channel.Meeting] = [Outcome.Held, Outcome.Cancelled],
        [Channel.Visit] = [Outcome.Connected, Outcome.Held, Outcome.NoAnswer, Outcome.SpokeToSomeoneElse],
        [Channel.Letter] = [Outcome.Bounced],
        [Channel.Note] = [],
    };

    public static bool Allows(Channel channel, Outcome outcome) => ByChannel[channel].Contains(outcome);

    /// <summary>The outcomes a touch on the channel may have, in the order a form offers them.</summary>
    public static IReadOnlyList<Outcome> For(Channel channel) => ByChannel[channel];

    /// <summary>A call is logged with how it went.</summary>
    public static bool Required(Channel channel) => channel is Channel.Call;

    /// <summary>An email is either inbound or outbound; every other channel has no direction.</summary>
    public static bool DirectionRequired(Channel channel) => channel is Channel.Email;

    /// <summary>
    /// The outcome a fresh touch on the channel starts with: a call's first choice, and a voicemail is a message left;
    /// on the other channels the outcome is the exception, so none.
    /// </summary>
    public static Outcome? Default(Channel channel) => channel switch
    {
        Channel.Call or Channel.Voicemail => ByChannel[channel][0],
        _ => null,
    };
}
