using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace LeadMail.SyncWorker.Tests.Infrastructure;

/// <summary>The worker as a real process against a test bed's database and Graph stand-in, to be killed mid-stage.</summary>
public sealed class WorkerProcess(SyncTestBed bed) : IAsyncDisposable
{
    private readonly System.Text.StringBuilder output = new();
    private readonly List<Process> started = [];

    public string Output => output.ToString();

    public Process Start(params string[] args)
    {
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "LeadMail.SyncWorker.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in bed.Settings) start.Environment[key.Replace(":", "__")] = value ?? "";
        start.Environment["Sync__LeaseDuration"] = "00:00:05";
        start.Environment["Sync__DispatchInterval"] = "00:00:00.200";
        var process = Process.Start(start)!;
        started.Add(process);
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until Graph has answered a request on <paramref name="path"/>, then a moment more, so the worker is in the next call.</summary>
    public async Task WaitForAnsweredAsync(string path, Process worker)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            if (bed.Graph.RequestsAt(path).Count > 0)
            {
                await Task.Delay(500);
                return;
            }
            if (worker.HasExited) Assert.Fail($"The worker exited ({worker.ExitCode}) before Graph answered {path}: {Output}");
            await Task.Delay(100);
        }
        Assert.Fail($"Graph never answered {path}.");
    }

    public static async Task KillAsync(Process worker)
    {
        worker.Kill(entireProcessTree: true);
        await worker.WaitForExitAsync();
    }

    /// <summary>Waits until no stream is leased: the killed worker's leases lapse on their own.</summary>
    public async Task WaitForLeasesToLapseAsync()
    {
        for (var waited = 0; waited < 300; waited++)
        {
            await using (var db = bed.OpenDb())
            {
                var now = DateTime.UtcNow;
                if (!await db.MailboxSyncs.AnyAsync(s => s.LeaseOwner != null && s.LeaseExpiresAt >= now)) return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("The leases never lapsed.");
    }

    /// <summary>Runs <c>--once</c> to its end and expects success.</summary>
    public async Task RunOnceAsync()
    {
        var worker = Start("--once");
        await worker.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(worker.ExitCode == 0, Output);
    }

    public async ValueTask DisposeAsync()
    {
        // A failed assertion must not leave a worker running.
        foreach (var worker in started.Where(w => !w.HasExited)) worker.Kill(entireProcessTree: true);
        foreach (var worker in started)
        {
            await worker.WaitForExitAsync();
            worker.Dispose();
        }
    }
}
