namespace LeadMail.Core.Interactions;

/// <summary>What the counters need of a contact's history beyond its stored counters, as it stands with the new touches.</summary>
/// <param name="LastConnectAt">The latest connect, new touches included.</param>
/// <param name="OutboundAfterLastConnect">Outbound touches strictly after <paramref name="LastConnectAt"/>; null without a connect.</param>
/// <param name="OutboundBeforeFirstConnect">Outbound touches strictly before the new first connect; null when it did not move.</param>
/// <param name="LastOutboundAt">The latest outbound touch after the score's horizon: where the next cadence attempt counts from.</param>
internal sealed record ConnectSummary(DateTime? LastConnectAt, int? OutboundAfterLastConnect, int? OutboundBeforeFirstConnect, DateTime? LastOutboundAt);
