using Dynamo.Actors.Configuration;
using Xunit;

namespace Dynamo.Actors.Configuration.Tests;

public class ReferenceConfTests
{
    [Fact]
    public void Reference_conf_parses_and_holds_the_kernel_defaults()
    {
        var reference = ConfigurationFactory.Reference();
        Assert.Equal(30, reference.GetInt("dynamo.actor.default-dispatcher.throughput"));
        Assert.Equal(TimeSpan.FromSeconds(5), reference.GetTimeSpan("dynamo.actor.ask-timeout"));
        Assert.Equal(10, reference.GetInt("dynamo.actor.log-dead-letters"));
        Assert.False(reference.GetBoolean("dynamo.actor.debug.unhandled"));
        Assert.False(reference.GetBoolean("dynamo.actor.debug.lifecycle"));
        Assert.Equal("reference.conf", reference.OriginOf("dynamo.actor.ask-timeout")?.File);
    }

    [Fact]
    public void Reference_conf_on_disk_is_what_is_embedded()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "hocon", "reference.conf"))) folder = Path.GetDirectoryName(folder);
        Assert.NotNull(folder);
        var onDisk = ConfigurationFactory.ParseFile(Path.Combine(folder, "hocon", "reference.conf"));
        Assert.Equal(ConfigurationFactory.Reference().Flatten(), onDisk.Flatten());
    }

    [Fact]
    public void Every_reference_key_has_a_comment()
    {
        string text = ConfigurationFactory.EmbeddedSource("reference.conf")!.Text;
        var lines = text.Split('\n').Select(l => l.Trim()).ToArray();
        var uncommented = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            bool definesLeaf = line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("//", StringComparison.Ordinal)
                && (line.Contains('=') || line.Contains(':')) && !line.EndsWith('{');
            if (!definesLeaf || line.Contains('#')) continue;
            int previous = i - 1;
            if (previous < 0 || !lines[previous].StartsWith('#')) uncommented.Add($"line {i + 1}: {line}");
        }
        Assert.Empty(uncommented);
        Assert.NotEmpty(ConfigurationFactory.Reference().Flatten());
    }
}
