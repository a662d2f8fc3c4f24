using BenchmarkDotNet.Attributes;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;

namespace Dynamo.Benchmarks.Core;

/// <summary>Sibling-set writes and replica syncs as a vnode performs them.</summary>
[MemoryDiagnoser]
public class SiblingSetBenchmarks
{
    private SiblingSet _stored = null!;
    private SiblingSet _replicaA = null!;
    private SiblingSet _replicaB = null!;
    private CausalContext _context = null!;
    private Sibling _value = null!;
    private byte[] _serialized = null!;

    [GlobalSetup]
    public void Setup()
    {
        _value = new Sibling(new byte[1024], SiblingMetadata.Value(1_700_000_000_000, "application/json"));
        _stored = SiblingSet.Empty.Update(CausalContext.Empty, _value, "node-01");
        _context = _stored.Context;

        // Two replicas that share history and each hold a sibling the other has not seen.
        var shared = _stored.Update(_context, _value, "node-02");
        _replicaA = shared.Update(shared.Context, _value, "node-01").Update(shared.Context, _value, "node-01");
        _replicaB = shared.Update(shared.Context, _value, "node-03");
        _serialized = SiblingSetSerializer.Serialize(_replicaA.Sync(_replicaB));
    }

    /// <summary>A read-modify-write: the new value supersedes the one its context saw.</summary>
    [Benchmark]
    public SiblingSet Update() => _stored.Update(_context, _value, "node-02");

    /// <summary>Merging two replicas with three siblings between them.</summary>
    [Benchmark]
    public SiblingSet Sync() => _replicaA.Sync(_replicaB);

    /// <summary>Encoding three 1 KiB siblings.</summary>
    [Benchmark]
    public byte[] Serialize() => SiblingSetSerializer.Serialize(_replicaA);

    /// <summary>Decoding three 1 KiB siblings.</summary>
    [Benchmark]
    public SiblingSet Deserialize() => SiblingSetSerializer.Deserialize(_serialized);
}
