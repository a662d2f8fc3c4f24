using System.Net.Sockets;
using System.Text;
using Dynamo.Client;

namespace Dynamo.Testing;

/// <summary>
/// C concurrent clients over K keys against a <see cref="ProcessCluster"/>, for a bounded time or number of
/// operations: read-modify-writes (read, then put a new value with the read's context), blind puts and deletes
/// (read, then delete with the read's context), every read and write recorded in a <see cref="History"/>.
/// </summary>
/// <remarks>
/// A failed write is recorded as not written only when the store said nothing was stored (a refusal, or a quorum
/// failure without <see cref="DynamoException.OutcomeUnknown"/>); as unknown when the store said it may have been
/// stored, the request timed out, or the connection failed in any way (see <see cref="Classify"/>). Values are <c>c{client}-{n}</c>, unique per key as the history requires.
/// </remarks>
public sealed class WriteLoad
{
    private const string ContentType = "text/plain";

    private readonly Func<int, IDynamoClient> _clientOf;
    private readonly IReadOnlyList<int> _nodes;
    private readonly WriteLoadOptions _options;
    private int _operations;

    /// <summary>A load against the nodes of <paramref name="cluster"/>, recorded in <paramref name="history"/>.</summary>
    public WriteLoad(ProcessCluster cluster, History history, WriteLoadOptions? options = null)
        : this(i => cluster.Client(i), (options?.Nodes ?? Enumerable.Range(0, cluster.Count).ToList()), history, options)
    {
    }

    /// <summary>A load against the clients <paramref name="clientOf"/> gives for <paramref name="nodes"/>.</summary>
    public WriteLoad(Func<int, IDynamoClient> clientOf, IReadOnlyList<int> nodes, History history, WriteLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clientOf);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(history);
        _options = options ?? new WriteLoadOptions();
        _options.Validate();
        if (nodes.Count == 0) throw new ArgumentException("the load needs at least one node.", nameof(nodes));
        _clientOf = clientOf;
        _nodes = _options.Nodes ?? nodes;
        History = history;
    }

    /// <summary>Where every operation is recorded.</summary>
    public History History { get; }

    /// <summary>Operations started so far.</summary>
    public int OperationsStarted => Volatile.Read(ref _operations);

    /// <summary>Runs the clients until the duration passed, the operation budget is spent or <paramref name="ct"/> is cancelled; never throws for a failed request.</summary>
    public async Task RunAsync(CancellationToken ct = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(_options.Duration);
        var clients = Enumerable.Range(0, _options.Clients).Select(c => Task.Run(() => RunClientAsync(c, stop), CancellationToken.None));
        await Task.WhenAll(clients).ConfigureAwait(false);
    }

    private async Task RunClientAsync(int client, CancellationTokenSource stop)
    {
        var random = new Random(HashCode.Combine(_options.Seed, client));
        var sequence = 0;
        for (var step = 0; !stop.IsCancellationRequested; step++)
        {
            if (Interlocked.Increment(ref _operations) > (_options.MaxOperations ?? int.MaxValue))
            {
                stop.Cancel();
                break;
            }
            var node = _nodes[(client + step) % _nodes.Count];
            var key = $"k{random.Next(_options.Keys)}";
            var draw = random.NextDouble();
            var value = $"c{client}-{++sequence}";
            try
            {
                if (draw < _options.BlindWriteShare)
                {
                    await PutAsync(client, node, key, value, null, stop.Token).ConfigureAwait(false);
                }
                else
                {
                    var read = await ReadAsync(client, node, key, stop.Token).ConfigureAwait(false);
                    if (read is null) continue;
                    if (draw < _options.BlindWriteShare + _options.DeleteShare && read.Found)
                        await DeleteAsync(client, node, key, read.Context, stop.Token).ConfigureAwait(false);
                    else
                        await PutAsync(client, node, key, value, read.Context, stop.Token).ConfigureAwait(false);
                }
                await Task.Delay(_options.Pause, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private async Task<DynamoGetResult?> ReadAsync(int client, int node, string key, CancellationToken ct)
    {
        try
        {
            var result = await _clientOf(node).GetAsync(History.Bucket, key, _options.R?.Invoke(node), ct).ConfigureAwait(false);
            History.RecordRead(key, result, client, node);
            return result;
        }
        catch (Exception e) when (e is DynamoException or HttpRequestException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            // A failed read writes nothing; the client moves on to its next operation.
            return null;
        }
    }

    private Task PutAsync(int client, int node, string key, string value, DynamoContext? context, CancellationToken ct)
    {
        var write = History.BeginPut(key, value, context, client, node);
        return CompleteAsync(write, () => _clientOf(node).PutAsync(History.Bucket, key, Encoding.UTF8.GetBytes(value), ContentType, context, _options.W?.Invoke(node), ct), ct);
    }

    private Task DeleteAsync(int client, int node, string key, DynamoContext context, CancellationToken ct)
    {
        var write = History.BeginDelete(key, context, client, node);
        return CompleteAsync(write, () => _clientOf(node).DeleteAsync(History.Bucket, key, context, _options.W?.Invoke(node), ct), ct);
    }

    private static async Task CompleteAsync(HistoryWrite write, Func<Task<DynamoContext>> send, CancellationToken ct)
    {
        try
        {
            write.Acknowledge(await send().ConfigureAwait(false));
        }
        catch (Exception e)
        {
            var (notWritten, reason) = Classify(e);
            if (notWritten) write.NotWritten(reason);
            else write.Unknown(reason);
            // The load's own stop cancels a request in flight: it is recorded as unknown, then the client stops.
            if (e is OperationCanceledException && ct.IsCancellationRequested) throw;
        }
    }

    /// <summary>Whether a failed write certainly stored nothing, and why it failed.</summary>
    /// <remarks>
    /// Even "connection refused" does not prove a request was never sent: when a pooled connection closes before
    /// the answer (a node killed after it stored a delete, which has no body), .NET's HTTP handler sends the
    /// request again on a new connection, and it is that retry the node's absence refuses. So every connection
    /// failure is an unknown outcome; only the store's own answer can say a write was not stored.
    /// </remarks>
    public static (bool NotWritten, string Reason) Classify(Exception e) => e switch
    {
        DynamoException { OutcomeUnknown: true } => (false, e.Message),
        // A node's own error (500, 502) may come after the coordinator stored the write.
        DynamoRequestException { StatusCode: >= 500 and not 503 } => (false, e.Message),
        DynamoException => (true, e.Message),
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } =>
            (false, "connection refused, perhaps on a retry after the node took the request: " + e.Message),
        HttpRequestException => (false, "connection failed, the request may have reached the node: " + e.Message),
        OperationCanceledException => (false, "no answer in time: " + e.Message),
        _ => (false, $"{e.GetType().Name}: {e.Message}"),
    };
}
