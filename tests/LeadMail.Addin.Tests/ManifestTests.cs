using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace LeadMail.Addin.Tests;

/// <summary>manifest.xml is what an admin deploys: it must parse, and every URL in it must be served by the API.</summary>
public sealed class ManifestTests(PaneFixture host) : IClassFixture<PaneFixture>
{
    private static readonly XNamespace Office = "http://schemas.microsoft.com/office/appforoffice/1.1";
    private static readonly XNamespace Overrides = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";
    private static readonly XNamespace Types = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
    private const string LocalHost = "https://localhost:5443";

    private static XDocument Manifest() => XDocument.Load(Path.Combine(TaskPane.RepoRoot(), "manifest.xml"));

    [Fact]
    public void The_manifest_is_a_mail_app_with_a_pinnable_button_on_every_surface()
    {
        var manifest = Manifest();
        Assert.Equal("MailApp", manifest.Root!.Attribute(XName.Get("type", "http://www.w3.org/2001/XMLSchema-instance"))!.Value);
        Assert.True(Guid.TryParse(manifest.Root.Element(Office + "Id")!.Value, out _));

        var surfaces = manifest.Descendants(Overrides + "ExtensionPoint")
            .Select(e => e.Attribute(XName.Get("type", "http://www.w3.org/2001/XMLSchema-instance"))!.Value).ToList();
        Assert.Equal(
            ["MessageReadCommandSurface", "MessageComposeCommandSurface", "AppointmentAttendeeCommandSurface", "AppointmentOrganizerCommandSurface"],
            surfaces);
        Assert.All(manifest.Descendants(Overrides + "Action"), action => Assert.Equal("true", action.Element(Overrides + "SupportsPinning")?.Value));

        var webApp = manifest.Descendants(Overrides + "WebApplicationInfo").Single();
        Assert.True(Guid.TryParse(webApp.Element(Overrides + "Id")!.Value, out _));
        Assert.StartsWith("api://", webApp.Element(Overrides + "Resource")!.Value);

        // Every referenced resource id exists.
        var ids = manifest.Descendants().Where(e => e.Attribute("id") is not null).Select(e => e.Attribute("id")!.Value).ToHashSet();
        Assert.All(manifest.Descendants().Select(e => e.Attribute("resid")?.Value).OfType<string>(), resid => Assert.Contains(resid, ids));
    }

    [Fact]
    public async Task Every_url_in_the_manifest_is_served_by_the_API_anonymously()
    {
        var urls = Manifest().Descendants()
            .SelectMany(e => e.Attributes("DefaultValue").Select(a => a.Value).Append(e.HasElements ? "" : e.Value))
            .Where(v => v.StartsWith("https://", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.Contains($"{LocalHost}/addin/taskpane.html", urls);
        Assert.True(urls.Count >= 6, string.Join(", ", urls));

        using var anonymous = new HttpClient();
        foreach (var url in urls)
        {
            var local = url.Replace(LocalHost, host.Root.ToString().TrimEnd('/'), StringComparison.Ordinal);
            using var response = await anonymous.GetAsync(local);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} -> {local} answered {(int)response.StatusCode}");
            var type = response.Content.Headers.ContentType?.MediaType;
            if (url.EndsWith(".png", StringComparison.Ordinal)) Assert.Equal("image/png", type);
            if (url.EndsWith(".html", StringComparison.Ordinal)) Assert.Equal("text/html", type);
        }
    }

    [Fact]
    public async Task The_served_manifest_points_at_the_host_that_serves_it()
    {
        using var anonymous = new HttpClient();
        var xml = await anonymous.GetStringAsync(new Uri(host.Root, "addin/manifest.xml"));
        var served = XDocument.Parse(xml);
        var origin = host.Root.ToString().TrimEnd('/');
        Assert.DoesNotContain("localhost:5443", xml);
        Assert.Equal($"{origin}/addin/taskpane.html",
            served.Descendants(Types + "Url").Single(u => u.Attribute("id")!.Value == "Taskpane.Url").Attribute("DefaultValue")!.Value);
    }

    [Fact]
    public async Task The_pane_files_are_cached_by_kind_and_a_missing_file_is_a_404_not_a_401()
    {
        using var anonymous = new HttpClient { BaseAddress = host.Root };
        using var page = await anonymous.GetAsync("addin/taskpane.html");
        Assert.True(page.Headers.CacheControl!.NoCache);
        var html = await page.Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(html, "/addin/assets/[^\"]+\\.js").Value;
        using var bundle = await anonymous.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), bundle.Headers.CacheControl!.MaxAge);
        Assert.Contains(bundle.Headers.CacheControl.Extensions, e => e.Name == "immutable");
        using var missing = await anonymous.GetAsync("addin/nothing-here.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var config = await anonymous.GetAsync("addin/config.json");
        Assert.Equal("""{"authMode":"local","clientId":null,"authority":null,"scopes":[]}""", await config.Content.ReadAsStringAsync());
        // The API itself still needs a token.
        using var api = await anonymous.GetAsync("api/contacts");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
