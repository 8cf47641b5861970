using System.Net;
using System.Security.Cryptography;
using LeadMail.Api.Tests.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LeadMail.Api.Tests.Auth;

/// <summary>Every token goes through the real JwtBearer validation: signature, issuer, audience, lifetime.</summary>
public sealed class AuthenticationTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    private const string Email = "auth.alice@contoso.com";

    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/api/contacts" },
        { "GET", "/api/contacts/1" },
        { "GET", "/api/contacts/lookup?email=a@example.com" },
        { "POST", "/api/contacts" },
        { "PATCH", "/api/contacts/1" },
        { "DELETE", "/api/contacts/1" },
        { "GET", "/api/contacts/1/interactions" },
        { "POST", "/api/contacts/1/interactions" },
        { "GET", "/api/me" },
        { "GET", "/api/reps" },
        { "POST", "/api/reps" },
        { "PATCH", "/api/reps/1" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Every_api_route_is_401_without_a_token(string method, string url)
    {
        using var anonymous = api.CreateClient();
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PATCH") request.Content = HttpJson.Raw("{}");

        var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_good_token_is_accepted()
    {
        using var client = api.ClientWithToken(api.IssuerWith().Mint(Email, manager: false));
        await (await client.GetAsync("/api/contacts")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var otherKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "leadmail-local" };
        await AssertRejectedAsync(api.IssuerWith(key: otherKey).Mint(Email, manager: true));
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        // Issued nine hours ago with the default eight-hour lifetime.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-9));
        await AssertRejectedAsync(api.IssuerWith(clock: past).Mint(Email, manager: false));
    }

    [Fact]
    public async Task A_token_not_valid_yet_is_401()
    {
        var future = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        await AssertRejectedAsync(api.IssuerWith(clock: future).Mint(Email, manager: false));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401()
    {
        await AssertRejectedAsync(api.IssuerWith(audience: "api://some-other-app").Mint(Email, manager: false));
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_401()
    {
        await AssertRejectedAsync(api.IssuerWith(issuer: "https://evil.example.com").Mint(Email, manager: false));
    }

    [Fact]
    public async Task A_rep_token_edited_to_claim_the_manager_role_is_401()
    {
        var token = api.TokenFor(Email);
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("LeadMail.Rep", "LeadMail.Manager");
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        await AssertRejectedAsync(forged);
    }

    [Fact]
    public async Task An_unsigned_token_is_401()
    {
        var token = api.TokenFor(Email);
        var parts = token.Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        await AssertRejectedAsync($"{header}.{parts[1]}.");
    }

    [Fact]
    public async Task A_valid_token_that_names_nobody_is_401()
    {
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = api.LocalAuth.Issuer,
            Audience = api.LocalAuth.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["name"] = "Nobody" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(api.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        using var client = api.ClientWithToken(token);

        await (await client.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task AssertRejectedAsync(string token)
    {
        using var client = api.ClientWithToken(token);
        foreach (var url in new[] { "/api/contacts", "/api/me" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
    }
}
