using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadMail.Benchmarks.Lookup;

/// <summary>
/// The real API host (its Program, auth and database registration) in this process, not serving HTTP:
/// the lookup's handler is called through its services, and its token issuer mints the callers' tokens.
/// Settings that differ from production: the environment is "Benchmark" (Local tokens are refused in
/// Production) and logging is at Warning. The HTTP runs go to <see cref="ApiProcess"/>.
/// </summary>
internal sealed class ApiUnderTest(string databasePath, string signingKey) : WebApplicationFactory<global::Program>
{
    public const string EnvironmentName = "Benchmark";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The API's own folder (its appsettings.json), found from the repository root: the factory's
        // solution-relative guess assumes the project sits beside the .sln, which api/ does not.
        builder.UseContentRoot(Path.Combine(Workspace.Root, "api", "LeadMail.Api"));
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:LeadMail", LeadMail.Benchmarks.Dataset.LeadDataset.ConnectionString(databasePath));
        builder.UseSetting("Auth:Mode", "Local");
        builder.UseSetting("Auth:Local:SigningKey", signingKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
