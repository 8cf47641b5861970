using Xunit.Abstractions;

namespace LeadMail.Addin.Tests;

/// <summary>
/// The pane's API types (addin/src/generated/api-types.ts) are what openapi-typescript makes of the OpenAPI
/// document the API serves now: a DTO changed without regenerating them fails here, not in a rep's pane.
/// </summary>
public sealed class GeneratedTypesTests(ITestOutputHelper output)
{
    private static readonly string CheckedIn = Path.Combine(NodeRun.AddinDirectory, "src", "generated", "api-types.ts");

    [Fact]
    public async Task The_checked_in_api_types_are_generated_from_the_document_the_api_serves()
    {
        var document = Path.Combine(TaskPane.ScreenshotDirectory, "..", "openapi", "swagger.json");
        Directory.CreateDirectory(Path.GetDirectoryName(document)!);
        var host = new PaneFixture();
        try
        {
            using var client = host.CreateClient();
            await File.WriteAllTextAsync(document, await client.GetStringAsync("/swagger/v1/swagger.json"));
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }

        var generated = Path.Combine(Path.GetTempPath(), $"leadmail-api-types-{Guid.NewGuid():N}.ts");
        try
        {
            var (exitCode, printed) = await NodeRun.RunAsync("node", "tools/api-types/generate.mjs", document, "--out", generated);
            Assert.True(exitCode == 0, $"openapi-typescript failed (exit {exitCode}):\n{printed}");

            var expected = await File.ReadAllTextAsync(generated);
            var actual = await File.ReadAllTextAsync(CheckedIn);
            if (expected == actual) return;
            var regenerate = $"cd addin && npm run api-types -- {Path.GetFullPath(document)}";
            output.WriteLine("Regenerate with: " + regenerate);
            Assert.Fail($"addin/src/generated/api-types.ts differs from what the API serves now ({FirstDifference(expected, actual)}). "
                + $"Regenerate it from the document this test saved:\n  {regenerate}\nor from a running API: cd addin && npm run api-types");
        }
        finally
        {
            File.Delete(generated);
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var (e, a) = (expected.Split('\n'), actual.Split('\n'));
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var (want, have) = (i < e.Length ? e[i] : "(end of file)", i < a.Length ? a[i] : "(end of file)");
            if (want != have) return $"line {i + 1}: the API now gives \"{want.Trim()}\", the file has \"{have.Trim()}\"";
        }
        return "line endings differ";
    }
}
