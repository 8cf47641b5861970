using System.ComponentModel.DataAnnotations;

namespace LeadMail.Core.Consent;

/// <summary>Configuration section <c>FrequencyCap</c>: nobody is spammed.</summary>
public sealed class FrequencyCapOptions
{
    public const string Section = "FrequencyCap";

    /// <summary>Outbound touches allowed per contact within the window.</summary>
    [Range(1, 1000)]
    public int MaxOutboundTouches { get; set; } = 3;

    [Range(1, 365)]
    public int WindowDays { get; set; } = 7;
}

/// <summary>Where a contact stands against the cap, now.</summary>
public sealed record FrequencyCapStatus(int OutboundTouchesInWindow, int Cap, int WindowDays, DateTime WindowStart, bool Reached);

/// <summary>The cap's window at an instant: outbound touches in (<see cref="Start"/>, <see cref="End"/>] count against it.</summary>
public readonly record struct FrequencyCapWindow(DateTime Start, DateTime End, FrequencyCapOptions Cap)
{
    public static FrequencyCapWindow At(DateTime now, FrequencyCapOptions cap) => new(now.AddDays(-cap.WindowDays), now, cap);

    public FrequencyCapStatus StatusFor(int outboundTouchesInWindow) =>
        new(outboundTouchesInWindow, Cap.MaxOutboundTouches, Cap.WindowDays, Start, outboundTouchesInWindow >= Cap.MaxOutboundTouches);
}
