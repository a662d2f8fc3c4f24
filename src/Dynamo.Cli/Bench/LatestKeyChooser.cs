namespace Dynamo.Cli.Bench;

/// <summary>
/// Skewed to the newest records: the Zipfian rank counts back from the last record known written, so the most
/// recent insert is the most popular (YCSB's "latest").
/// </summary>
public sealed class LatestKeyChooser(ZipfianGenerator zipfian) : IKeyChooser
{
    /// <inheritdoc />
    public long Next(long records) => records - 1 - zipfian.Next(records);
}
