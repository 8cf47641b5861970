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

    /// <summary>A call is logged with how it went.</summary>
    public static bool Required(Channel channel) => channel is Channel.Call;
}
