using Dynamo.Cli.Bench;

namespace Dynamo.Cli.Tests.Bench;

/// <summary>Key choice: Zipfian skew, its scrambling over the key space, the latest distribution and uniform spread.</summary>
public sealed class KeyChooserTests
{
    private const long Records = 10_000;
    private const int Draws = 200_000;

    private static Dictionary<long, int> Histogram(IKeyChooser chooser, long records = Records)
    {
        var counts = new Dictionary<long, int>();
        for (int i = 0; i < Draws; i++)
        {
            long key = chooser.Next(records);
            Assert.InRange(key, 0, records - 1);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    private static ZipfianGenerator Zipfian(int seed, long items = Records) => new(new Random(seed), items, ZipfianGenerator.Zeta(items));

    [Fact]
    public void Zipfian_ranks_fall_off_as_one_over_rank_to_the_power_0_99()
    {
        var zipfian = Zipfian(seed: 1);
        var counts = new long[Records];
        for (int i = 0; i < Draws; i++) counts[zipfian.Next()]++;

        double zeta = ZipfianGenerator.Zeta(Records);
        // The first two ranks are exact in Gray et al.'s method; rank 0 is drawn with probability 1/zeta(n).
        Assert.Equal(1 / zeta, counts[0] / (double)Draws, 0.01);
        Assert.Equal(1 / Math.Pow(2, 0.99) / zeta, counts[1] / (double)Draws, 0.01);
        Assert.True(counts[0] > counts[9] * 5, $"rank 0 drawn {counts[0]} times, rank 9 {counts[9]}");
        // The top 1 % of ranks draws far more than 1 % of requests.
        Assert.True(counts.Take((int)(Records / 100)).Sum() > Draws * 0.4);
    }

    [Fact]
    public void Scrambled_zipfian_is_as_skewed_but_spreads_its_hot_keys_over_the_key_space()
    {
        var counts = Histogram(new ScrambledZipfianKeyChooser(Zipfian(seed: 2)));

        var hottest = counts.OrderByDescending(c => c.Value).Take(100).ToArray();
        Assert.True(hottest.Sum(c => c.Value) > Draws * 0.3, "the hottest 1 % of keys draws well over 1 % of requests");
        // Unscrambled, the hottest keys would be 0..99; scrambled they land all over the range.
        Assert.True(hottest.Count(c => c.Key >= Records / 2) > 20);
        Assert.True(hottest.Count(c => c.Key < 100) < 10);
    }

    [Fact]
    public void Latest_favours_the_most_recent_records_and_follows_inserts()
    {
        var chooser = new LatestKeyChooser(Zipfian(seed: 3));

        var before = Histogram(chooser);
        Assert.True(before.GetValueOrDefault(Records - 1) > before.GetValueOrDefault(Records - 10) * 5);
        Assert.True(before.Where(c => c.Key >= Records - Records / 100).Sum(c => c.Value) > Draws * 0.4);

        var after = Histogram(chooser, Records + 500);
        Assert.Equal(after.Values.Max(), after[Records + 499]);
    }

    [Fact]
    public void Uniform_draws_every_tenth_of_the_key_space_about_equally()
    {
        var counts = Histogram(new UniformKeyChooser(new Random(4)));

        var tenths = counts.GroupBy(c => c.Key * 10 / Records).Select(g => g.Sum(c => c.Value) / (double)Draws).ToArray();
        Assert.Equal(10, tenths.Length);
        Assert.All(tenths, share => Assert.Equal(0.1, share, 0.01));
    }

    [Fact]
    public void Records_count_as_written_only_once_every_earlier_insert_finished()
    {
        var inserts = new InsertSequence(loaded: 10);
        long first = inserts.Allocate(), second = inserts.Allocate(), third = inserts.Allocate();

        inserts.Finish(second);
        inserts.Finish(third);
        Assert.Equal(10, inserts.Written);

        inserts.Finish(first);
        Assert.Equal(13, inserts.Written);
        Assert.Equal(13, inserts.Allocate());
    }
}
