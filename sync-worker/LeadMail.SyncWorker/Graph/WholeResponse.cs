namespace LeadMail.SyncWorker.Graph;

/// <summary>
/// Reads each response to its end inside the retry policy, so a connection dropped mid-body (or
/// closed before any body) is retried like any transient fault instead of surfacing later as a
/// parse error. Graph pages are parsed whole anyway, so buffering one costs nothing extra.
/// </summary>
internal sealed class WholeResponse : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            response.Dispose();
            throw new HttpRequestException($"Graph's connection dropped while reading the response: {e.Message}", e);
        }
        if (response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NoContent && response.Content.Headers.ContentLength is 0 or null
            && (await response.Content.ReadAsByteArrayAsync(cancellationToken)).Length == 0)
        {
            response.Dispose();
            throw new HttpRequestException("Graph closed the connection without a response body.");
        }
        if (response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NoContent
            && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            // Every Graph page is JSON: anything else is a connection garbled on the way.
            response.Dispose();
            throw new HttpRequestException("Graph's response arrived garbled (not JSON).");
        }
        return response;
    }
}
