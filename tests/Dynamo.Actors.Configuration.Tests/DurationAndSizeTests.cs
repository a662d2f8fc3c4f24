using Dynamo.Actors.Configuration;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Dynamo.Actors.Configuration.Tests;

public class DurationAndSizeTests
{
    private static Config Value(string text) => ConfigurationFactory.ParseString($"v = {text}", "test.conf");

    [Theory]
    [InlineData("500ns", 5L)]
    [InlineData("1500 nanoseconds", 15L)]
    [InlineData("1 nano", 0L)]
    [InlineData("3us", 30L)]
    [InlineData("2 micros", 20L)]
    [InlineData("7 microseconds", 70L)]
    [InlineData("500ms", 5_000_000L)]
    [InlineData("1 milli", 10_000L)]
    [InlineData("3 milliseconds", 30_000L)]
    [InlineData("250", 2_500_000L)]
    [InlineData("2s", 20_000_000L)]
    [InlineData("2 s", 20_000_000L)]
    [InlineData("1 second", 10_000_000L)]
    [InlineData("1.5 seconds", 15_000_000L)]
    [InlineData("1m", 600_000_000L)]
    [InlineData("1 minute", 600_000_000L)]
    [InlineData("2 minutes", 1_200_000_000L)]
    [InlineData("1h", 36_000_000_000L)]
    [InlineData("2 hours", 72_000_000_000L)]
    [InlineData("1 hour", 36_000_000_000L)]
    [InlineData("3d", 2_592_000_000_000L)]
    [InlineData("1 day", 864_000_000_000L)]
    [InlineData("2 days", 1_728_000_000_000L)]
    [InlineData("\"5 millis\"", 50_000L)]
    [InlineData("-1s", -10_000_000L)]
    public void Durations_parse_every_unit_with_or_without_space(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), Value(text).GetTimeSpan("v"));
    }

    [Theory]
    [InlineData("infinite")]
    [InlineData("Inf")]
    public void Infinite_duration_is_the_infinite_timeout(string text)
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, Value(text).GetTimeSpan("v"));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("5 fortnights")]
    [InlineData("s")]
    [InlineData("5 S")]
    [InlineData("1..5s")]
    public void Bad_durations_are_rejected(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => Value(text).GetTimeSpan("v"));
        Assert.Equal("v", error.Key);
        Assert.Contains("expected a duration", error.Message);
    }

    [Theory]
    [InlineData("1024", 1024L)]
    [InlineData("10B", 10L)]
    [InlineData("10 b", 10L)]
    [InlineData("1 byte", 1L)]
    [InlineData("3 bytes", 3L)]
    [InlineData("512k", 512L * 1024)]
    [InlineData("1K", 1024L)]
    [InlineData("1Ki", 1024L)]
    [InlineData("2KiB", 2048L)]
    [InlineData("1 kibibyte", 1024L)]
    [InlineData("1kB", 1000L)]
    [InlineData("1KB", 1000L)]
    [InlineData("2 kilobytes", 2000L)]
    [InlineData("1m", 1024L * 1024)]
    [InlineData("1M", 1024L * 1024)]
    [InlineData("1Mi", 1024L * 1024)]
    [InlineData("64MiB", 64L * 1024 * 1024)]
    [InlineData("1 MB", 1_000_000L)]
    [InlineData("1 megabyte", 1_000_000L)]
    [InlineData("1 mebibytes", 1024L * 1024)]
    [InlineData("1g", 1024L * 1024 * 1024)]
    [InlineData("1G", 1024L * 1024 * 1024)]
    [InlineData("1Gi", 1024L * 1024 * 1024)]
    [InlineData("2GiB", 2L * 1024 * 1024 * 1024)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("3 gigabytes", 3_000_000_000L)]
    [InlineData("1 TiB", 1024L * 1024 * 1024 * 1024)]
    [InlineData("1 TB", 1_000_000_000_000L)]
    [InlineData("1.5 MiB", 1_572_864L)]
    public void Sizes_parse_every_unit_with_1024_and_1000_as_the_spec_says(string text, long bytes)
    {
        Assert.Equal(bytes, Value(text).GetByteSize("v"));
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("5 parsecs")]
    [InlineData("-1k")]
    [InlineData("100000 EiB")]
    public void Bad_sizes_are_rejected(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => Value(text).GetByteSize("v"));
        Assert.Contains("expected a size in bytes", error.Message);
    }

    [Fact]
    public void Any_whole_amount_of_any_duration_unit_reads_back()
    {
        (string Unit, long Ticks)[] units =
            [("us", 10), ("ms", 10_000), ("millis", 10_000), ("s", 10_000_000), ("seconds", 10_000_000), ("m", 600_000_000), ("minutes", 600_000_000), ("h", 36_000_000_000), ("d", 864_000_000_000)];
        var cases = (from amount in Gen.Choose(0, 100_000)
                     from unit in Gen.Elements(units)
                     from space in Gen.Elements("", " ")
                     select (amount, unit, space)).ToArbitrary();
        Prop.ForAll(cases, c =>
            Assert.Equal(TimeSpan.FromTicks(c.amount * c.unit.Ticks), Value($"{c.amount}{c.space}{c.unit.Unit}").GetTimeSpan("v")))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_whole_amount_of_any_size_unit_reads_back()
    {
        (string Unit, long Bytes)[] units =
            [("B", 1), ("k", 1024), ("KiB", 1024), ("kB", 1000), ("M", 1 << 20), ("MiB", 1 << 20), ("MB", 1_000_000), ("G", 1 << 30), ("GB", 1_000_000_000)];
        var cases = (from amount in Gen.Choose(0, 100_000)
                     from unit in Gen.Elements(units)
                     from space in Gen.Elements("", " ")
                     select (amount, unit, space)).ToArbitrary();
        Prop.ForAll(cases, c =>
            Assert.Equal(c.amount * c.unit.Bytes, Value($"{c.amount}{c.space}{c.unit.Unit}").GetByteSize("v")))
            .QuickCheckThrowOnFailure();
    }
}
