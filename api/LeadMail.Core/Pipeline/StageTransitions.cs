using LeadMail.Core.Contacts;

namespace LeadMail.Core.Pipeline;

/// <summary>A move the pipeline allows, and what it demands.</summary>
public sealed record StageMove(Stage From, Stage To, bool ReasonRequired, bool ManagerOnly);

/// <summary>
/// The explicit transition table. Forward one step at a time; back to an earlier working stage;
/// any open stage to lost or nurture; nurture back to marketing-qualified (or lost); won and lost
/// reopened only by a manager. A reason is required for lost, nurture, leaving proposal or agreement
/// backwards, and every reopening.
/// </summary>
public static class StageTransitions
{
    private static readonly Stage[] Working = [Stage.New, Stage.MarketingQualified, Stage.SalesQualified, Stage.Proposal, Stage.Agreement];

    public static IReadOnlyList<StageMove> All { get; } = Build();

    public static StageMove? Find(Stage from, Stage to) => All.FirstOrDefault(m => m.From == from && m.To == to);

    public static IReadOnlyList<StageMove> From(Stage from) => All.Where(m => m.From == from).ToList();

    public static bool IsOpen(Stage stage) => stage is not (Stage.Won or Stage.Lost);

    private static List<StageMove> Build()
    {
        var moves = new List<StageMove>();
        for (var i = 0; i < Working.Length; i++)
        {
            var from = Working[i];
            moves.Add(new StageMove(from, i + 1 < Working.Length ? Working[i + 1] : Stage.Won, ReasonRequired: false, ManagerOnly: false));
            // Backwards to an earlier working stage (never back to new: a qualified lead stays qualified).
            for (var j = 1; j < i; j++)
                moves.Add(new StageMove(from, Working[j], ReasonRequired: from is Stage.Proposal or Stage.Agreement, ManagerOnly: false));
            moves.Add(new StageMove(from, Stage.Lost, ReasonRequired: true, ManagerOnly: false));
            moves.Add(new StageMove(from, Stage.Nurture, ReasonRequired: true, ManagerOnly: false));
        }
        moves.Add(new StageMove(Stage.Nurture, Stage.MarketingQualified, ReasonRequired: false, ManagerOnly: false));
        moves.Add(new StageMove(Stage.Nurture, Stage.Lost, ReasonRequired: true, ManagerOnly: false));
        moves.Add(new StageMove(Stage.Won, Stage.Agreement, ReasonRequired: true, ManagerOnly: true));
        foreach (var to in new[] { Stage.MarketingQualified, Stage.SalesQualified, Stage.Proposal, Stage.Agreement, Stage.Nurture })
            moves.Add(new StageMove(Stage.Lost, to, ReasonRequired: true, ManagerOnly: true));
        return moves;
    }
}
