using Microsoft.Extensions.Hosting;

namespace LeadMail.Core.Hosting;

/// <summary>
/// `dotnet run` of the API or the worker should give a newcomer the local product (SQLite, Local
/// auth) without a launch profile, whose banner would pollute the token command's output. So a
/// Debug build with no environment named anywhere runs as Development; a Release build never does.
/// </summary>
public static class LocalRun
{
    /// <summary>The environment of the test hosts (tests/*) that run the product against a local signing key.</summary>
    public const string Testing = "Testing";

    /// <summary>The environment tests/LeadMail.Benchmarks runs the API in.</summary>
    public const string Benchmark = "Benchmark";

    /// <summary>
    /// Where the development conveniences (Local sign-in, Swagger by default) are allowed: an allow-list, so a
    /// new environment name (Staging, Prod, a typo) gets production's behaviour rather than a development key.
    /// </summary>
    public static IReadOnlyList<string> Environments { get; } = [Microsoft.Extensions.Hosting.Environments.Development, Testing, Benchmark];

    public static bool IsLocal(this IHostEnvironment environment) => Environments.Any(environment.IsEnvironment);

    public static string? DefaultEnvironment(string[] args)
    {
#if DEBUG
        var named = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is not null
            || Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is not null
            || args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase));
        return named ? null : Microsoft.Extensions.Hosting.Environments.Development;
#else
        _ = args;
        return null;
#endif
    }
}
