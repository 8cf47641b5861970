using LeadMail.Core.Contacts;

namespace LeadMail.Core.Interactions;

/// <summary>What <see cref="TouchEffects"/> derives for one contact from its touches and follow-up.</summary>
internal sealed record DerivedFields(int ContactId, TouchCounters Counters, double ScoreBase, double Score, Priority Priority, DateTime? NextFollowUpDue, string? NextFollowUpNote)
{
    /// <summary>The <see cref="Contact"/> properties the fields are written to, the key first, in the order of <see cref="Values"/>.</summary>
    public static readonly string[] Columns =
    [
        nameof(Contact.Id),
        nameof(Contact.TouchesTotal), nameof(Contact.LastTouchAt), nameof(Contact.LastInboundAt),
        nameof(Contact.FirstConnectAt), nameof(Contact.TouchesBeforeConnect), nameof(Contact.OutboundSinceConnect),
        nameof(Contact.ScoreBase), nameof(Contact.Score), nameof(Contact.Priority),
        nameof(Contact.NextFollowUpDue), nameof(Contact.NextFollowUpNote),
    ];

    public object?[] Values()
    {
        var c = Counters;
        return [ContactId, c.TouchesTotal, c.LastTouchAt, c.LastInboundAt, c.FirstConnectAt, c.TouchesBeforeConnect, c.OutboundSinceConnect,
            ScoreBase, Score, Priority, NextFollowUpDue, NextFollowUpNote];
    }
}
