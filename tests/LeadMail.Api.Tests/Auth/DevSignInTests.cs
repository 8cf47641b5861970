using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Hosting;

namespace LeadMail.Api.Tests.Auth;

/// <summary>
/// Signing in by picking a rep (POST /api/dev/sign-in) mints a real Local-mode token, but only in Development and for
/// a request from this machine; anywhere else it is refused and the token command stays the way in.
/// </summary>
public sealed class DevSignInTests
{
    [Fact]
    public async Task On_loopback_in_Development_a_picked_address_and_role_sign_in_with_a_token_the_API_accepts()
    {
        await using var host = new LeadMailApiFactory();
        using var client = new HttpClient { BaseAddress = host.StartOnLoopback() };

        var signedIn = await (await client.PostJsonAsync("/api/dev/sign-in", new { email = "Mona.Manager@contoso.com", role = "manager", name = "Mona Manager" }))
            .ReadAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signedIn.GetProperty("token").GetString());
        var me = await (await client.GetAsync("/api/me")).ReadAsync<JsonElement>();
        Assert.Equal(("mona.manager@contoso.com", "Mona Manager", "manager"),
            (me.GetProperty("email").GetString(), me.GetProperty("displayName").GetString(), me.GetProperty("role").GetString()));

        // The picker lists the reps the database knows, now Mona too.
        client.DefaultRequestHeaders.Authorization = null;
        var reps = await (await client.GetAsync("/api/dev/sign-in")).ReadAsync<JsonElement>();
        Assert.Contains(reps.EnumerateArray(), r => r.GetProperty("email").GetString() == "mona.manager@contoso.com");

        var problem = await (await client.PostJsonAsync("/api/dev/sign-in", new { email = "not an address", role = "rep" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task A_request_from_elsewhere_is_refused_even_in_Development()
    {
        // The test server's requests carry no loopback address: what a request through a proxy or from the network looks like.
        await using var host = new LeadMailApiFactory();
        using var client = host.CreateClient();

        var refused = await (await client.PostJsonAsync("/api/dev/sign-in", new { email = "eve@contoso.com", role = "manager" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain("token\"", refused.GetRawText());
        // The pane offers the picker only when this list answers.
        await (await client.GetAsync("/api/dev/sign-in")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(LocalRun.Testing)]
    [InlineData(LocalRun.Benchmark)]
    public async Task Outside_Development_it_is_refused_even_on_loopback(string environment)
    {
        // Production never runs Local mode at all (LocalModeEnvironmentTests); the other local environments refuse the picker.
        await using var host = new LeadMailApiFactory { EnvironmentName = environment };
        using var client = new HttpClient { BaseAddress = host.StartOnLoopback() };

        await (await client.PostJsonAsync("/api/dev/sign-in", new { email = "eve@contoso.com", role = "manager" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/dev/sign-in")).ExpectAsync(HttpStatusCode.Forbidden);
    }
}
