using System.Net;
using LeadMail.Api.Tests.Hosting;
using LeadMail.Core.Hosting;

namespace LeadMail.Api.Tests.Web;

/// <summary>/try and the pane it frames: served in Development and where Demo:Enabled is true, a 404 elsewhere; each with its own policy.</summary>
public sealed class TryPageTests
{
    [Fact]
    public async Task In_Development_the_try_page_frames_only_its_own_pane_and_the_pane_there_is_framed_only_by_this_origin()
    {
        await using var host = new LeadMailApiFactory();
        using var client = host.CreateClient();

        var page = await client.GetAsync("/try");
        // A host whose pages are not built answers 503, with the same headers.
        Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"/try: {(int)page.StatusCode}");
        var csp = SecurityHeaderTests.Directives(page);
        Assert.Equal(["'self'"], csp["script-src"]);
        Assert.Equal(["'self'"], csp["frame-src"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);

        var pane = await client.GetAsync("/try/pane");
        Assert.True(pane.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"/try/pane: {(int)pane.StatusCode}");
        var paneCsp = SecurityHeaderTests.Directives(pane);
        Assert.Equal(["'self'"], paneCsp["frame-ancestors"]);
        Assert.Equal(["'self'", "https://appsforoffice.microsoft.com"], paneCsp["script-src"]);
        Assert.False(pane.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task Outside_Development_the_try_page_is_a_404_unless_the_demo_is_enabled()
    {
        await using (var off = new LeadMailApiFactory { EnvironmentName = LocalRun.Testing })
        {
            using var client = off.CreateClient();
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/try")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/try/pane")).StatusCode);
        }
        await using var on = new ConfiguredApiFactory(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" }) { EnvironmentName = LocalRun.Testing };
        using var demo = on.CreateClient();
        var status = (await demo.GetAsync("/try")).StatusCode;
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"/try: {(int)status}");
    }
}
