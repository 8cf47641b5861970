using System.Diagnostics;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Reps;

namespace LeadMail.Api.Tests.Auth;

/// <summary>
/// The documented way to get a local token, <c>dotnet run --project api/LeadMail.Api -- token …</c>,
/// run as its own process: it prints the token and nothing else, and the API accepts it.
/// </summary>
public sealed class TokenCommandTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    private async Task<(int ExitCode, string Out, string Error)> RunAsync(string environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Auth__Local__SigningKey"] = api.SigningKey;
        start.Environment["Auth__Mode"] = "Local";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task The_token_command_prints_only_a_token_the_api_accepts()
    {
        var (exitCode, output, error) = await RunAsync("Development", "token", "--email", "cli.morgan@contoso.com", "--role", "manager", "--name", "Morgan CLI");

        Assert.True(exitCode == 0, error);
        var token = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim();
        Assert.Equal(3, token.Split('.').Length);
        using var client = api.ClientWithToken(token);
        var me = await client.MeAsync();
        Assert.Equal(("cli.morgan@contoso.com", "Morgan CLI", RepRole.Manager), (me.Email, me.DisplayName, me.Role));
    }

    [Fact]
    public async Task The_token_command_refuses_a_bad_role_with_usage_on_stderr()
    {
        var (exitCode, output, error) = await RunAsync("Development", "token", "--email", "cli.bad@contoso.com", "--role", "boss");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("usage", error);
    }

    [Fact]
    public async Task The_token_command_refuses_to_mint_in_production()
    {
        var (exitCode, output, error) = await RunAsync("Production", "token", "--email", "cli.prod@contoso.com");

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains("Production", error);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Prod")]
    public async Task The_token_command_refuses_to_mint_outside_the_local_environments(string environment)
    {
        var (exitCode, output, error) = await RunAsync(environment, "token", "--email", "cli.staging@contoso.com");

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains("Auth:Mode", error);
        Assert.Contains($"'{environment}'", error);
    }
}
