namespace Dynamo.Configuration.Tests;

public sealed class ReferenceConfTests
{
    private static string OnDisk()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "hocon", "reference.conf"))) folder = Path.GetDirectoryName(folder);
        Assert.NotNull(folder);
        return File.ReadAllText(Path.Combine(folder, "hocon", "reference.conf"));
    }

    [Fact]
    public void Reference_conf_on_disk_is_what_is_embedded()
    {
        var onDisk = DynamoConfig.Parse(OnDisk(), "reference.conf");
        var embedded = DynamoConfig.Reference();
        Assert.Equal(onDisk.Root.ToString(), embedded.Root.ToString());
        Assert.Equal(64, embedded.GetInt("dynamo.kv.ring-partitions"));
    }

    [Fact]
    public void Every_reference_key_has_a_comment()
    {
        var lines = OnDisk().Split('\n').Select(l => l.Trim()).ToArray();
        var uncommented = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            bool definesLeaf = line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("//", StringComparison.Ordinal)
                && (line.Contains('=') || line.Contains(':')) && !line.EndsWith('{');
            if (!definesLeaf || line.Contains('#')) continue;
            if (i == 0 || !lines[i - 1].StartsWith('#')) uncommented.Add($"line {i + 1}: {line}");
        }
        Assert.Empty(uncommented);
    }

    [Fact]
    public void Unreachable_members_are_not_downed_by_default()
    {
        var reference = DynamoConfig.Reference();
        Assert.Equal("", reference.GetString("akka.cluster.downing-provider-class"));
    }
}
