using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Web;

/// <summary>
/// The test server has no request-size feature, so a streamed (chunked) body is only capped by a
/// real server: this class runs the API on Kestrel at 127.0.0.1.
/// </summary>
public sealed class KestrelBodyLimitTests : IDisposable
{
    private readonly LeadMailApiFactory _api = new();

    public KestrelBodyLimitTests() =>
        _api.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_chunked_body_over_64_KB_is_413_from_kestrel()
    {
        _api.StartServer();
        using var client = _api.ClientFor("kestrel.big@contoso.com");
        Assert.Equal(IPAddress.Loopback.ToString(), client.BaseAddress?.Host);
        var json = $$"""{"firstName":"Big","background":"{{new string('b', 70 * 1024)}}"}""";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/contacts") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_under_the_cap_is_read()
    {
        _api.StartServer();
        using var client = _api.ClientFor("kestrel.small@contoso.com");
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("""{"firstName":"Small"}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/contacts") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await (await client.SendAsync(request)).ExpectAsync(HttpStatusCode.Created);
    }
}
