using System.Threading.Channels;

namespace LeadMail.Core.Imports;

/// <summary>Imports waiting for the background run, by id; the run itself reads everything from the database.</summary>
public sealed class ImportQueue
{
    private readonly Channel<int> waiting = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(int importId) => waiting.Writer.TryWrite(importId);

    public IAsyncEnumerable<int> ReadAllAsync(CancellationToken ct) => waiting.Reader.ReadAllAsync(ct);
}
