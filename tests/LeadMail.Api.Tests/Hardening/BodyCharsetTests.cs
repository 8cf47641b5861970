using System.Net;
using System.Text;
using LeadMail.Api.Tests.Hosting;

namespace LeadMail.Api.Tests.Hardening;

/// <summary>A JSON body in a charset the API cannot decode is a 415 that says so, never a 500, and stores nothing.</summary>
public sealed class BodyCharsetTests(LeadMailApiFactory api) : IClassFixture<LeadMailApiFactory>
{
    [Theory]
    [InlineData("POST", "/api/contacts")]
    [InlineData("PATCH", "/api/contacts/{id}")]
    public async Task An_unknown_charset_is_415(string method, string url)
    {
        using var rep = api.ClientFor("charset.rep@contoso.com");
        var contact = await rep.CreateLeadAsync();
        var email = Unique.Email();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"firstName":"Ada","email":"{{email}}"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=nonsense");
        var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("{id}", contact.Id.ToString())) { Content = content };
        request.Headers.TryAddWithoutValidation("If-Match", "*");

        var problem = await (await rep.SendAsync(request)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("nonsense", problem.GetProperty("detail").GetString());
        await (await rep.GetAsync(ApiCalls.LookupUrl(email))).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_media_type_is_415()
    {
        using var rep = api.ClientFor("charset.type@contoso.com");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"firstName":"Ada"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", "text/plain");

        await (await rep.PostAsync("/api/contacts", content)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
