using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadMail.Benchmarks.Lookup;

/// <summary>
/// The real API host (its Program, middleware, auth and database registration) on Kestrel at
/// 127.0.0.1 with a free port, as production runs it except for two settings: the environment is
/// "Benchmark" (Local tokens are refused in Production) and logging is at Warning.
/// </summary>
internal sealed class ApiUnderTest(string databasePath, string signingKey) : WebApplicationFactory<global::Program>
{
    public const string EnvironmentName = "Benchmark";

    public Uri Start()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

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
