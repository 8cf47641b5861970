using System.Net;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Hosting;

namespace LeadMail.Api.Tests.Auth;

/// <summary>
/// Local sign-in trusts a development key, so it runs only in the environments named in code
/// (<see cref="LocalRun.Environments"/>): any other name refuses to start, naming the key and the environment.
/// </summary>
public sealed class LocalModeEnvironmentTests
{
    [Theory]
    [InlineData("Staging")]
    [InlineData("Prod")]
    [InlineData("Production")]
    [InlineData("QA")]
    [InlineData("Developments")]
    public void Local_auth_outside_the_local_environments_refuses_to_start(string environment)
    {
        using var factory = new LeadMailApiFactory { EnvironmentName = environment };

        var failure = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(failure);
        var messages = Flatten(failure).Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains("Auth:Mode") && m.Contains($"'{environment}'"));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData(LocalRun.Testing)]
    [InlineData(LocalRun.Benchmark)]
    public async Task Local_auth_in_a_local_environment_starts_and_accepts_its_tokens(string environment)
    {
        using var factory = new LeadMailApiFactory { EnvironmentName = environment };
        using var client = factory.ClientFor($"local.{environment.ToLowerInvariant()}@contoso.com");

        await (await client.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
        if (exception is AggregateException aggregate)
            foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
    }
}
