namespace LeadMail.SyncWorker.Hosting;

/// <summary>
/// Like the API: a Debug build started with no environment named runs as Development (no launch
/// profile, whose banner would clutter the output); a published Release build never does.
/// </summary>
public static class LocalRun
{
    public static string? DefaultEnvironment(string[] args)
    {
#if DEBUG
        var named = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is not null
            || Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is not null
            || args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase));
        return named ? null : Environments.Development;
#else
        _ = args;
        return null;
#endif
    }
}
