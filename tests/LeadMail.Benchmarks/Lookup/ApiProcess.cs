using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LeadMail.Benchmarks.Lookup;

/// <summary>
/// The API as it is deployed: its own process (the Release build's LeadMail.Api.dll beside this program,
/// its own runtimeconfig, server GC), Kestrel on 127.0.0.1, so it shares neither thread pool nor GC heaps
/// with the load generator (hosted in the benchmark it measured about 0.05 ms slower at one client).
/// Settings that differ from production are the
/// same as <see cref="ApiUnderTest"/>'s: environment Benchmark, Local tokens with the given key, logging at Warning.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;

    private ApiProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ApiProcess> StartAsync(string databasePath, string signingKey, CancellationToken ct)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "LeadMail.Api.dll"),
                "--urls", baseAddress.ToString().TrimEnd('/'),
                "--contentRoot", Path.Combine(Workspace.Root, "api", "LeadMail.Api"),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = ApiUnderTest.EnvironmentName,
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__LeadMail"] = Dataset.LeadDataset.ConnectionString(databasePath),
                ["Auth__Mode"] = "Local",
                ["Auth__Local__SigningKey"] = signingKey,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The API process did not start.");
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (errors) errors.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiProcess(process, baseAddress);
        // A benchmark that dies of an unhandled exception skips every dispose: the API must not outlive it,
        // holding a core's timers and a copy of the dataset open under the next run.
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillQuietly(process);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillQuietly(process);
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) break;
            try
            {
                if ((await probe.GetAsync("/health", ct)).StatusCode == HttpStatusCode.OK) return api;
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // Not listening yet, or too busy starting to answer within the probe's timeout.
            }
            await Task.Delay(100, ct);
        }
        await api.DisposeAsync();
        lock (errors) throw new InvalidOperationException($"The API at {baseAddress} did not become healthy:{Environment.NewLine}{errors}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone or disposed.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
