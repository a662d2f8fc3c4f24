using System.Text;
using BenchmarkDotNet.Attributes;
using Dynamo.Core.Merkle;

namespace Dynamo.Benchmarks.Core;

/// <summary>Merkle tree upkeep per write, and a full diff of two 1,000,000-key trees differing in 100 keys.</summary>
[MemoryDiagnoser]
public class MerkleBenchmarks
{
    private const int Keys = 1_000_000;
    private const int Differences = 100;
    private MerkleTree _local = null!;
    private MerkleTree _remote = null!;
    private byte[] _key = null!;
    private byte[] _v1 = null!;
    private byte[] _v2 = null!;
    private bool _flip;

    /// <summary>Segments/fan-out: the default (65,536/16) and Riak's AAE shape (1,048,576/1024).</summary>
    [Params("65536/16", "1048576/1024")]
    public string Shape { get; set; } = "65536/16";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('/');
        var shape = new MerkleTreeShape(int.Parse(parts[0]), int.Parse(parts[1]));
        _local = new MerkleTree(shape);
        _remote = new MerkleTree(shape);
        var digest = new byte[16];
        for (var i = 0; i < Keys; i++)
        {
            var key = Encoding.UTF8.GetBytes($"user:{i}");
            BitConverter.TryWriteBytes(digest, i);
            _local.Insert(key, digest);
            _remote.Insert(key, digest);
        }

        var changed = new byte[16];
        for (var i = 0; i < Differences; i++)
        {
            var key = Encoding.UTF8.GetBytes($"user:{i * 9973}");
            BitConverter.TryWriteBytes(digest, i * 9973);
            BitConverter.TryWriteBytes(changed, -1);
            _remote.Update(key, digest, changed);
        }

        _key = Encoding.UTF8.GetBytes("bench:write");
        _v1 = new byte[16];
        _v2 = new byte[16];
        _v2[0] = 1;
        _local.Insert(_key, _v1);
        _remote.Insert(_key, _v1);
    }

    /// <summary>One write: replace a key's version digest (two item hashes, one leaf-to-root pass).</summary>
    [Benchmark]
    public ulong UpdatePerWrite()
    {
        _flip = !_flip;
        if (_flip)
        {
            _local.Update(_key, _v1, _v2);
        }
        else
        {
            _local.Update(_key, _v2, _v1);
        }

        return _local.RootHash;
    }

    /// <summary>Root-first descent to the segments holding the 100 differing keys.</summary>
    [Benchmark]
    public int DiffOfTwo1MKeyTreesWith100Differences() => _local.Diff(_remote).HashesExchanged;
}
