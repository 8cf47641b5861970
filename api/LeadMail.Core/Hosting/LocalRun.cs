using Microsoft.Extensions.Hosting;

namespace LeadMail.Core.Hosting;

/// <summary>
/// `dotnet run` of the API or the worker should give a newcomer the local product (SQLite, Local
/// auth) without a launch profile, whose banner would pollute the token command's output. So a
/// Debug build with no environment named anywhere runs as Development; a Release build never does.
/// </summary>
public static class LocalRun
{
    public static string? DefaultEnvironment(string[] args)
    {
#if DEBUG
        var named = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is not null
            || Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is not null
            || args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase));
        return named ? null : Environments.Development;
#else
        _ = args;
        return null;
#endif
    }
}
