using System.Text;
using BenchmarkDotNet.Attributes;
using Dynamo.Core.Partitioning;

namespace Dynamo.Benchmarks.Core;

/// <summary>Key → preference list lookups on a 16-node ring of 1024 partitions, N = 3.</summary>
[MemoryDiagnoser]
public class PreferenceListBenchmarks
{
    private const int Keys = 1024;
    private Ring _ring = null!;
    private byte[][] _keys = null!;
    private string _down = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ring = new Claimant(1024).Claim(null, Enumerable.Range(0, 16).Select(i => $"node-{i:D2}"));
        _keys = [.. Enumerable.Range(0, Keys).Select(i => Encoding.UTF8.GetBytes($"user:{i}"))];
        _down = _ring.Members[3];
    }

    /// <summary>MD5 of bucket and key, partition, then the first three distinct owners.</summary>
    [Benchmark(OperationsPerInvoke = Keys)]
    public int Primaries()
    {
        var total = 0;
        foreach (var key in _keys)
        {
            total += PreferenceList.ForHash(_ring, RingHash.Of("bucket"u8, key), 3).Entries.Length;
        }

        return total;
    }

    /// <summary>The ring position alone: MD5 of bucket and key.</summary>
    [Benchmark(OperationsPerInvoke = Keys)]
    public UInt128 Hash()
    {
        UInt128 total = 0;
        foreach (var key in _keys)
        {
            total ^= RingHash.Of("bucket"u8, key);
        }

        return total;
    }

    /// <summary>The list alone, for keys whose partition is already known (no MD5).</summary>
    [Benchmark(OperationsPerInvoke = Keys)]
    public int PrimariesForKnownPartition()
    {
        var total = 0;
        for (var i = 0; i < Keys; i++)
        {
            total += PreferenceList.ForPartition(_ring, i, 3).Entries.Length;
        }

        return total;
    }

    /// <summary>The same with one node down, so about 3/16 of lookups need a fallback.</summary>
    [Benchmark(OperationsPerInvoke = Keys)]
    public int SloppyWithOneNodeDown()
    {
        var total = 0;
        foreach (var key in _keys)
        {
            var partition = _ring.PartitionOf(RingHash.Of("bucket"u8, key));
            total += PreferenceList.Sloppy(_ring, partition, 3, n => n != _down).Entries.Length;
        }

        return total;
    }
}
