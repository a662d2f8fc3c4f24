using System.Collections.Concurrent;
using Dynamo.Client;

namespace Dynamo.Cli.Tests.Bench;

/// <summary>
/// An in-memory stand-in for a node: keeps the last value of each key (or loses every write), counts calls, remembers the contexts
/// writes came with, and can take a fixed time per request (a slow target).
/// </summary>
internal sealed class FakeStore(TimeSpan serviceTime = default, bool keepsWrites = true) : IDynamoClient
{
    private readonly ConcurrentDictionary<string, (byte[] Value, int Version)> _values = new();
    private int _gets;
    private int _puts;

    public int Gets => _gets;

    public int Puts => _puts;

    public int Keys => _values.Count;

    public IEnumerable<byte[]> StoredValues => _values.Values.Select(v => v.Value);

    public ConcurrentBag<(string Key, DynamoContext? Context)> Writes { get; } = [];

    public async Task<DynamoGetResult> GetAsync(string bucket, string key, int? r = null, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _gets);
        if (serviceTime > TimeSpan.Zero) await Task.Delay(serviceTime, ct);
        return _values.TryGetValue(key, out var stored)
            ? new DynamoGetResult(DynamoObjectStatus.Found, [new DynamoSibling(stored.Value, "application/octet-stream", DateTimeOffset.UnixEpoch)], Context(stored.Version))
            : new DynamoGetResult(DynamoObjectStatus.NotFound, [], DynamoContext.Empty);
    }

    public async Task<DynamoContext> PutAsync(string bucket, string key, ReadOnlyMemory<byte> value, string contentType,
        DynamoContext? context = null, int? w = null, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _puts);
        if (serviceTime > TimeSpan.Zero) await Task.Delay(serviceTime, ct);
        Writes.Add((key, context));
        if (!keepsWrites) return Context(1);
        var stored = _values.AddOrUpdate(key, _ => (value.ToArray(), 1), (_, old) => (value.ToArray(), old.Version + 1));
        return Context(stored.Version);
    }

    public Task<DynamoContext> DeleteAsync(string bucket, string key, DynamoContext context, int? w = null, CancellationToken ct = default) =>
        throw new NotSupportedException("the benchmark never deletes");

    public Task<DynamoBucketProps> GetBucketPropsAsync(string bucket, CancellationToken ct = default) =>
        Task.FromResult(new DynamoBucketProps(3, 2, 2, DynamoConflictMode.LastWriteWins));

    public Task<DynamoBucketProps> SetBucketPropsAsync(string bucket, DynamoBucketProps props, CancellationToken ct = default) =>
        Task.FromResult(props);

    private static DynamoContext Context(int version) => new([(byte)1, (byte)version]);
}
