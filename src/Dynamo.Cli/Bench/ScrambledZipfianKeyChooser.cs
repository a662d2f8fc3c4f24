namespace Dynamo.Cli.Bench;

/// <summary>
/// Zipfian popularity over the loaded records, with the popular ones scattered over the key space by hashing
/// the Zipfian rank (FNV-1a, 64 bit), as YCSB's scrambled Zipfian: the hot records are not neighbours, so they
/// do not all land on the same partitions. Like YCSB, it draws over the records loaded before the run only.
/// </summary>
public sealed class ScrambledZipfianKeyChooser(ZipfianGenerator zipfian) : IKeyChooser
{
    /// <inheritdoc />
    public long Next(long records) => (long)(Fnv1a(zipfian.Next()) % (ulong)zipfian.Items);

    /// <summary>The FNV-1a hash of a number's eight bytes.</summary>
    internal static ulong Fnv1a(long value)
    {
        const ulong offsetBasis = 14695981039346656037;
        const ulong prime = 1099511628211;
        ulong hash = offsetBasis;
        for (int i = 0; i < 8; i++)
        {
            hash ^= (ulong)(value >> (i * 8)) & 0xFF;
            hash *= prime;
        }
        return hash;
    }
}
