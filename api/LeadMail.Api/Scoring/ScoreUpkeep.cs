using LeadMail.Core.Scoring;

namespace LeadMail.Api.Scoring;

public static class ScoreUpkeep
{
    /// <summary>The API keeps scores current: it decays them on a timer and rescores when the rules file changes.</summary>
    public static IServiceCollection AddScoreUpkeep(this IServiceCollection services) =>
        services.AddHostedService<ScoreDecayTimer>().AddHostedService<ScoringRulesWatch>();
}
