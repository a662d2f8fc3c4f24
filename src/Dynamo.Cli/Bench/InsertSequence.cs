namespace Dynamo.Cli.Bench;

/// <summary>
/// Record numbers for inserts during the run, shared by every client, and how many records are known written:
/// the longest prefix of record numbers whose inserts all finished. Reads draw only from that prefix, so a read
/// never asks for a record whose insert is still in flight (YCSB's acknowledged counter).
/// </summary>
public sealed class InsertSequence
{
    private readonly object _gate = new();
    private readonly HashSet<long> _finishedAhead = [];
    private long _next;
    private long _written;

    /// <summary>A sequence after <paramref name="loaded"/> records loaded before the run.</summary>
    public InsertSequence(long loaded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(loaded);
        _next = loaded;
        _written = loaded;
    }

    /// <summary>Records known written: every record number below this one.</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>The record number of the next insert.</summary>
    public long Allocate() => Interlocked.Increment(ref _next) - 1;

    /// <summary>
    /// Marks an insert finished, whether it succeeded or not (a failed insert is counted as an error; holding the
    /// prefix back for it would freeze the "latest" distribution).
    /// </summary>
    public void Finish(long record)
    {
        // Inserts are a few percent of a run at most, so a lock here costs nothing measurable.
        lock (_gate)
        {
            if (record != _written)
            {
                _finishedAhead.Add(record);
                return;
            }
            long written = record + 1;
            while (_finishedAhead.Remove(written)) written++;
            Volatile.Write(ref _written, written);
        }
    }
}
