namespace Dynamo.Cli.Bench;

/// <summary>
/// Zipfian-distributed integers in [0, items): 0 most popular, then 1, and so on, drawn in constant time with
/// the method of Gray et al., "Quickly generating billion-record synthetic databases" (SIGMOD 1994), as YCSB
/// does. The item count may grow (the "latest" distribution follows inserts); the normalising constant is then
/// extended by the new terms only. Not thread-safe: each client owns one.
/// </summary>
public sealed class ZipfianGenerator
{
    /// <summary>YCSB's Zipfian constant.</summary>
    public const double DefaultTheta = 0.99;

    private readonly Random _random;
    private readonly double _theta;
    private readonly double _alpha;
    private readonly double _zeta2;
    private double _zetaN;
    private double _eta;

    /// <summary>
    /// A generator over <paramref name="items"/> items whose normalising constant <paramref name="zetaN"/> was
    /// computed with <see cref="Zeta"/> (once, shared by every client, since it costs a term per item).
    /// </summary>
    public ZipfianGenerator(Random random, long items, double zetaN, double theta = DefaultTheta)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        if (theta is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(theta), theta, "The Zipfian constant lies strictly between 0 and 1.");
        _random = random;
        _theta = theta;
        _alpha = 1 / (1 - theta);
        _zeta2 = Zeta(2, theta);
        Items = items;
        _zetaN = zetaN;
        _eta = Eta();
    }

    /// <summary>The number of items drawn from.</summary>
    public long Items { get; private set; }

    /// <summary>The sum of 1/i^theta for i in 1..<paramref name="items"/>: the Zipfian normalising constant.</summary>
    public static double Zeta(long items, double theta = DefaultTheta) => ZetaFrom(0, items, theta, 0);

    /// <summary>The next item, in [0, <see cref="Items"/>).</summary>
    public long Next()
    {
        double u = _random.NextDouble();
        double uz = u * _zetaN;
        if (uz < 1) return 0;
        if (uz < 1 + Math.Pow(0.5, _theta)) return 1;
        long item = (long)(Items * Math.Pow(_eta * u - _eta + 1, _alpha));
        return Math.Min(item, Items - 1);
    }

    /// <summary>The next item among the first <paramref name="items"/>, growing the item count when it grew.</summary>
    public long Next(long items)
    {
        if (items > Items)
        {
            _zetaN = ZetaFrom(Items, items, _theta, _zetaN);
            Items = items;
            _eta = Eta();
        }
        return Next();
    }

    private double Eta() => (1 - Math.Pow(2.0 / Items, 1 - _theta)) / (1 - _zeta2 / _zetaN);

    private static double ZetaFrom(long from, long to, double theta, double initial)
    {
        double sum = initial;
        for (long i = from; i < to; i++) sum += 1 / Math.Pow(i + 1, theta);
        return sum;
    }
}
