using System.Diagnostics;

namespace LeadMail.Addin.Tests;

/// <summary>A Node command run in addin/, with what it printed, for the tests that check the pane's own tooling.</summary>
public static class NodeRun
{
    public static string AddinDirectory => Path.Combine(TaskPane.RepoRoot(), "addin");

    public static async Task<(int ExitCode, string Output)> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = AddinDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Colour codes would only clutter a failure message.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(" ", arguments)} did not finish in 5 minutes.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
