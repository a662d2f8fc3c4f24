namespace Dynamo.Cli.Bench;

/// <summary>
/// A YCSB core workload: the share of each operation type and the key distribution it is defined with.
/// </summary>
/// <param name="Name">The workload's letter.</param>
/// <param name="Read">Share of reads, 0–1.</param>
/// <param name="Update">Share of blind updates.</param>
/// <param name="Insert">Share of inserts of new records.</param>
/// <param name="ReadModifyWrite">Share of read-modify-writes.</param>
/// <param name="DefaultDistribution">The key distribution YCSB defines the workload with.</param>
public sealed record Workload(string Name, double Read, double Update, double Insert, double ReadModifyWrite, KeyDistribution DefaultDistribution)
{
    /// <summary>Workload A, update heavy: 50 % reads, 50 % updates.</summary>
    public static Workload A { get; } = new("a", 0.5, 0.5, 0, 0, KeyDistribution.Zipfian);

    /// <summary>Workload B, read mostly: 95 % reads, 5 % updates.</summary>
    public static Workload B { get; } = new("b", 0.95, 0.05, 0, 0, KeyDistribution.Zipfian);

    /// <summary>Workload C, read only.</summary>
    public static Workload C { get; } = new("c", 1, 0, 0, 0, KeyDistribution.Zipfian);

    /// <summary>Workload D, read latest: 95 % reads skewed to recent inserts, 5 % inserts.</summary>
    public static Workload D { get; } = new("d", 0.95, 0, 0.05, 0, KeyDistribution.Latest);

    /// <summary>Workload F: 50 % reads, 50 % read-modify-writes.</summary>
    public static Workload F { get; } = new("f", 0.5, 0, 0, 0.5, KeyDistribution.Zipfian);

    /// <summary>The workloads by letter.</summary>
    public static IReadOnlyList<Workload> All { get; } = [A, B, C, D, F];

    /// <summary>The workload of a letter (either case); null for any other text.</summary>
    public static Workload? Find(string name) =>
        All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Draws the next operation type from a uniform sample <paramref name="u"/> in [0, 1).</summary>
    public BenchOperation Choose(double u)
    {
        if (u < Read) return BenchOperation.Read;
        u -= Read;
        if (u < Update) return BenchOperation.Update;
        u -= Update;
        if (u < Insert) return BenchOperation.Insert;
        // Whatever rounding leaves over goes to the last operation type the workload uses.
        return ReadModifyWrite > 0 ? BenchOperation.ReadModifyWrite
            : Insert > 0 ? BenchOperation.Insert
            : Update > 0 ? BenchOperation.Update
            : BenchOperation.Read;
    }
}
