using System.Text.Json;

namespace LeadMail.Addin.Tests;

/// <summary>The pane's unit tests (vitest, addin/src/**/*.test.ts), run as part of dotnet test so CI counts them.</summary>
public sealed class VitestTests
{
    [Fact]
    public async Task Every_vitest_test_of_the_pane_passes()
    {
        var report = Path.Combine(Path.GetTempPath(), $"leadmail-vitest-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, output) = await NodeRun.RunAsync("npx", "--no", "vitest", "run", "--reporter=json", $"--outputFile={report}");
            Assert.True(File.Exists(report), $"vitest wrote no report (exit {exitCode}):\n{output}");

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            var results = json.RootElement.GetProperty("testResults").EnumerateArray().ToList();
            var tests = results.SelectMany(file => file.GetProperty("assertionResults").EnumerateArray()).ToList();
            var failed = tests.Where(t => t.GetProperty("status").GetString() != "passed")
                .Select(t => $"{t.GetProperty("fullName").GetString()} ({t.GetProperty("status").GetString()}): "
                    + string.Join(" ", t.GetProperty("failureMessages").EnumerateArray().Select(m => m.GetString())))
                // A file that fails to load has no test results, only its own message.
                .Concat(results.Where(f => f.GetProperty("status").GetString() == "failed" && f.GetProperty("assertionResults").GetArrayLength() == 0)
                    .Select(f => $"{f.GetProperty("name").GetString()}: {f.GetProperty("message").GetString()}"))
                .ToList();

            Assert.True(failed.Count == 0, $"{failed.Count} vitest test(s) failed:\n" + string.Join("\n", failed));
            Assert.True(tests.Count > 0, $"vitest ran no test:\n{output}");
            Assert.Equal(0, exitCode);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
