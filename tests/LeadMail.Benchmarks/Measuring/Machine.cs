using System.Runtime;
using System.Runtime.InteropServices;

namespace LeadMail.Benchmarks.Measuring;

/// <summary>What the figures were measured on, printed with them.</summary>
public static class Machine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, " +
        $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
        $"SQLite {SqliteVersion()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC";

    /// <summary>The 1-minute load average (Linux), to tell a quiet machine from a shared busy one.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string SqliteVersion()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }
}
