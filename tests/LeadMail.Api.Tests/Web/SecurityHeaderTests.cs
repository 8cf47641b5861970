using System.Net;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Web;

/// <summary>
/// Every answer says nosniff and carries a Content-Security-Policy for its kind: the API's answers may be
/// neither run nor framed, the pages run only their own scripts (and Office.js for the pane), and only Outlook
/// frames the pane.
/// </summary>
public sealed class SecurityHeaderTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    internal static Dictionary<string, string[]> Directives(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var values), $"No Content-Security-Policy on {response.RequestMessage?.RequestUri}");
        return Assert.Single(values).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);
    }

    private static void AssertNoSniff(HttpResponseMessage response) =>
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));

    public static TheoryData<string, bool> ApiAnswers => new()
    {
        { "/api/me", true },
        { "/api/me", false },
        { "/api/contacts/999999", true },
        { "/api/no-such-route", true },
        { "/health", false },
        { "/addin/config.json", false },
        { "/addin/manifest.xml", false },
        { "/addin/no-such-file.js", false },
    };

    [Theory]
    [MemberData(nameof(ApiAnswers))]
    public async Task Api_answers_are_nosniff_and_may_not_be_framed_or_run_anything(string url, bool signedIn)
    {
        using var client = signedIn ? api.ClientFor("headers.alice@contoso.com") : api.CreateClient();

        var response = await client.GetAsync(url);

        AssertNoSniff(response);
        var csp = Directives(response);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'none'"], csp["default-src"]);
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
    }

    [Fact]
    public async Task The_pane_runs_only_its_own_scripts_and_Office_js_and_only_Outlook_frames_it()
    {
        var response = await api.CreateClient().GetAsync("/addin/taskpane.html");

        AssertNoSniff(response);
        var csp = Directives(response);
        Assert.Equal(["'self'", "https://appsforoffice.microsoft.com"], csp["script-src"]);
        Assert.Equal(["'none'"], csp["default-src"]);
        Assert.Equal(["'self'"], csp["connect-src"]);
        Assert.Equal(["'none'"], csp["base-uri"]);
        foreach (var host in new[] { "https://outlook.office.com", "https://outlook.office365.com", "https://outlook.live.com", "https://*.officeapps.live.com" })
            Assert.Contains(host, csp["frame-ancestors"]);
        Assert.DoesNotContain(csp["frame-ancestors"], source => source is "*" or "https:" or "'self'");
        Assert.False(response.Headers.Contains("X-Frame-Options"), "X-Frame-Options would stop Outlook framing the pane");
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/addin/dashboard.html")]
    public async Task The_dashboard_runs_only_its_own_scripts_and_is_never_framed(string url)
    {
        var response = await api.CreateClient().GetAsync(url);

        AssertNoSniff(response);
        var csp = Directives(response);
        Assert.Equal(["'self'"], csp["script-src"]);
        Assert.Equal(["'self'"], csp["connect-src"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
    }

    [Theory]
    [InlineData("/swagger/index.html")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task Swagger_runs_only_its_own_scripts_and_is_never_framed(string url)
    {
        var response = await api.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNoSniff(response);
        var csp = Directives(response);
        Assert.Equal(["'self'"], csp["script-src"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
    }

    [Fact]
    public async Task A_report_as_CSV_is_nosniff()
    {
        using var manager = api.ManagerClient();

        var response = await manager.GetAsync("/api/reports/new-leads?from=2026-01-01&to=2026-01-31&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNoSniff(response);
        Assert.Equal(["'none'"], Directives(response)["frame-ancestors"]);
    }
}

/// <summary>In Entra mode the pages sign in with MSAL, which talks to Entra ID's login origin.</summary>
public sealed class EntraSecurityHeaderTests
{
    public sealed class EntraApi() : ConfiguredApiFactory(new Dictionary<string, string?>(ConfiguredApiFactory.Entra) { ["Addin:Authority"] = "https://login.microsoftonline.us/contoso" });

    [Theory]
    [InlineData("/addin/taskpane.html")]
    [InlineData("/dashboard")]
    public async Task The_pages_may_reach_the_Entra_login_origins(string url)
    {
        using var factory = new EntraApi();

        var csp = SecurityHeaderTests.Directives(await factory.CreateClient().GetAsync(url));

        Assert.Equal(["'self'", "https://login.microsoftonline.com", "https://login.microsoftonline.us"], csp["connect-src"]);
        Assert.Equal(["https://login.microsoftonline.com", "https://login.microsoftonline.us"], csp["frame-src"]);
    }
}
