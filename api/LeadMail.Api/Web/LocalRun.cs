namespace LeadMail.Api.Web;

/// <summary>
/// `dotnet run` should give a newcomer the local product (SQLite, Local auth) without a launch
/// profile, whose banner would pollute the token command's output. So a Debug build with no
/// environment named anywhere runs as Development; a published Release build never does.
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
