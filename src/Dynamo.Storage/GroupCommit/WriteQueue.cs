using System.Threading.Channels;

namespace Dynamo.Storage.GroupCommit;

/// <summary>
/// The queue between callers and a plugin's single writer loop. Callers enqueue and await; the
/// writer takes everything waiting (up to the commit limits) and commits it as one transaction,
/// so concurrent writes share one fsync instead of paying one each.
/// </summary>
internal sealed class WriteQueue
{
    private readonly Channel<WriteRequest> channel;
    private readonly GroupCommitSettings settings;
    private readonly string storeName;

    public WriteQueue(GroupCommitSettings settings, string storeName)
    {
        if (settings.MaxWritesPerCommit <= 0 || settings.QueueCapacity <= 0 || settings.MaxBytesPerCommit <= 0)
            throw new ArgumentException("Group commit limits must be positive.", nameof(settings));
        this.settings = settings;
        this.storeName = storeName;
        channel = Channel.CreateBounded<WriteRequest>(new BoundedChannelOptions(settings.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Enqueues <paramref name="request"/> and completes once it is committed.</summary>
    public async Task<long> SubmitAsync(WriteRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Registered before the request is visible to the writer, so the writer's claim and
        // the caller's cancellation always race on the request's state and nothing else.
        request.CancelWith(cancellationToken);
        try
        {
            if (!channel.Writer.TryWrite(request))
                await channel.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            var closed = new ObjectDisposedException(storeName, $"The store {storeName} is closed; the write was not made.");
            request.Abandon(closed);
            throw closed;
        }
        return await request.Completion.ConfigureAwait(false);
    }

    /// <summary>Waits until a request is waiting; false once the queue is closed and empty.</summary>
    public ValueTask<bool> WaitAsync() => channel.Reader.WaitToReadAsync();

    /// <summary>Moves waiting requests into <paramref name="batch"/> within the commit limits, skipping cancelled ones.</summary>
    public void Take(List<WriteRequest> batch)
    {
        long bytes = 0;
        while (batch.Count < settings.MaxWritesPerCommit && bytes < settings.MaxBytesPerCommit
               && channel.Reader.TryRead(out var request))
        {
            if (!request.TryClaim())
                continue;
            batch.Add(request);
            bytes += request.Size;
        }
    }

    /// <summary>Stops accepting requests; those already queued are still committed.</summary>
    public void Close() => channel.Writer.TryComplete();
}
