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
