using System.Globalization;
using System.Text;
using Dynamo.Actors.Configuration;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Dynamo.Actors.Configuration.Tests;

/// <summary>
/// Random trees written with randomly chosen HOCON syntax (separators, quoting styles, commas or
/// new lines, comments) must read back exactly, and rendering must round-trip.
/// </summary>
public class RoundTripPropertyTests
{
    private abstract record Node;

    private sealed record Leaf(string Text) : Node;

    private sealed record ListNode(IReadOnlyList<string> Items) : Node;

    private sealed record ObjectNode(IReadOnlyList<(string Key, Node Value)> Fields) : Node;

    private sealed record Case(ObjectNode Root, int Seed)
    {
        public override string ToString() => Write(Root, new Random(Seed));
    }

    private const string Alphabet = "abcxyzAZ09 .-_\"\\\n\t${}[]#/:=,+@?é\u263A\u0001";

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Elements("a", "node-1", "5s", "x y", "", "null", "true", "include", "dynamo.tcp://s@h:1", "a.b", "${x}", "#hash", "//c", "\"\"\""),
        Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray()), n)).Select(cs => new string(cs)));

    private static Gen<Node> NodeGen(int depth)
    {
        var leaf = Text.Select(t => (Node)new Leaf(t));
        var list = Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Text, n)).Select(items => (Node)new ListNode(items.ToList()));
        if (depth == 0) return Gen.Frequency((3, leaf), (1, list));
        return Gen.Frequency((3, leaf), (1, list), (2, ObjectGen(depth - 1).Select(o => (Node)o)));
    }

    private static Gen<ObjectNode> ObjectGen(int depth) =>
        Gen.Choose(0, 4)
            .SelectMany(n => Gen.ListOf(
                from key in Text
                from value in NodeGen(depth)
                select (key, value), n))
            .Select(fields => new ObjectNode(fields.DistinctBy(f => f.key).ToList()));

    private static readonly Arbitrary<Case> Cases =
        (from root in ObjectGen(3)
         from seed in Gen.Choose(0, int.MaxValue)
         select new Case(root, seed)).ToArbitrary();

    [Fact]
    public void Any_tree_written_in_any_syntax_reads_back_exactly()
    {
        Prop.ForAll(Cases, c =>
        {
            var config = ConfigurationFactory.ParseString(c.ToString(), "random.conf");
            AssertMatches(c.Root, config, []);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Rendering_a_config_parses_back_to_the_same_leaves()
    {
        Prop.ForAll(Cases, c =>
        {
            var config = ConfigurationFactory.ParseString(c.ToString(), "random.conf");
            var again = ConfigurationFactory.ParseString(config.ToString(), "rendered.conf");
            Assert.Equal(config.Flatten(), again.Flatten());
            Assert.Equal(config.Keys, again.Keys);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Fallback_never_overrides_a_leaf_and_fills_every_gap()
    {
        Prop.ForAll(Cases, Cases, (top, bottom) =>
        {
            var topConfig = ConfigurationFactory.ParseString(top.ToString());
            var bottomConfig = ConfigurationFactory.ParseString(bottom.ToString());
            var merged = topConfig.WithFallback(bottomConfig);
            var mergedLeaves = merged.Flatten().ToDictionary(l => l.Key, l => l.Value);
            // An empty object is a leaf only until a fallback fills it.
            foreach (var (path, value) in topConfig.Flatten().Where(l => l.Value != "{}"))
                Assert.Equal(value, mergedLeaves[path]);
            foreach (var (path, _) in bottomConfig.Flatten())
                Assert.True(mergedLeaves.ContainsKey(path) || CoveredByTop(topConfig, path), $"lost {path}");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Substitution_of_any_leaf_path_copies_its_value()
    {
        Prop.ForAll(Cases, c =>
        {
            var leaves = LeafPaths(c.Root, []).ToList();
            var references = string.Concat(leaves.Select((l, i) => $"copy-{i} = ${{{TestExtensions.QuotedPath(l.Path)}}}\n"));
            var config = ConfigurationFactory.ParseString(references, "copies.conf")
                .WithFallback(ConfigurationFactory.ParseString(c.ToString(), "random.conf"));
            for (int i = 0; i < leaves.Count; i++)
            {
                if (leaves[i].Value is Leaf leaf) Assert.Equal(leaf.Text, config.GetString($"copy-{i}"));
                else Assert.Equal(((ListNode)leaves[i].Value).Items, config.GetStringList($"copy-{i}"));
            }
        }).QuickCheckThrowOnFailure();
    }

    private static IEnumerable<(IReadOnlyList<string> Path, Node Value)> LeafPaths(ObjectNode node, IReadOnlyList<string> path)
    {
        foreach (var (key, value) in node.Fields)
        {
            IReadOnlyList<string> childPath = [.. path, key];
            if (value is ObjectNode child)
            {
                foreach (var leaf in LeafPaths(child, childPath)) yield return leaf;
            }
            else yield return (childPath, value);
        }
    }

    // A fallback leaf may be hidden only by a top value at it, at one of its parents (a scalar
    // hides a fallback object) or below it (an object hides a fallback scalar).
    private static bool CoveredByTop(Config top, string renderedPath)
    {
        var leaves = top.Flatten().Select(l => l.Key).ToHashSet();
        return leaves.Any(l => renderedPath == l
            || renderedPath.StartsWith(l + ".", StringComparison.Ordinal)
            || l.StartsWith(renderedPath + ".", StringComparison.Ordinal));
    }

    private static void AssertMatches(ObjectNode expected, Config actual, IReadOnlyList<string> path)
    {
        var here = path.Count == 0 ? actual : actual.GetConfig(TestExtensions.QuotedPath(path));
        Assert.Equal(expected.Fields.Select(f => f.Key), here.Keys);
        foreach (var (key, value) in expected.Fields)
        {
            IReadOnlyList<string> childPath = [.. path, key];
            string quoted = TestExtensions.QuotedPath(childPath);
            switch (value)
            {
                case Leaf leaf:
                    Assert.Equal(leaf.Text, actual.GetString(quoted));
                    break;
                case ListNode list:
                    Assert.Equal(list.Items, actual.GetStringList(quoted));
                    break;
                case ObjectNode obj:
                    AssertMatches(obj, actual, childPath);
                    break;
            }
        }
    }

    private static string Write(ObjectNode root, Random random)
    {
        var sb = new StringBuilder();
        bool braces = random.Next(4) == 0;
        if (braces) sb.Append("{\n");
        WriteFields(sb, root, random);
        if (braces) sb.Append("}\n");
        return sb.ToString();
    }

    private static void WriteFields(StringBuilder sb, ObjectNode obj, Random random)
    {
        foreach (var (key, value) in obj.Fields)
        {
            if (random.Next(5) == 0) sb.Append(random.Next(2) == 0 ? "# a comment, with = signs\n" : "// another { comment\n");
            sb.Append(WriteKey(key, random));
            if (value is ObjectNode child)
            {
                sb.Append(random.Next(3) switch { 0 => " {", 1 => " = {", _ => ": {" }).Append('\n');
                WriteFields(sb, child, random);
                sb.Append('}');
            }
            else
            {
                sb.Append(random.Next(4) switch { 0 => " = ", 1 => " : ", 2 => "=", _ => ":" });
                sb.Append(value is Leaf leaf ? WriteString(leaf.Text, random) : WriteList((ListNode)value, random));
            }
            sb.Append(random.Next(3) switch { 0 => ", ", 1 => ",\n", _ => "\n" });
        }
    }

    private static string WriteList(ListNode list, Random random)
    {
        string separator = random.Next(2) == 0 ? ", " : "\n";
        return "[" + string.Join(separator, list.Items.Select(i => WriteString(i, random))) + (list.Items.Count > 0 && random.Next(3) == 0 ? ",]" : "]");
    }

    private static bool IsPlain(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string WriteKey(string key, Random random) =>
        IsPlain(key) && key != "include" && random.Next(2) == 0 ? key : Quote(key);

    private static string WriteString(string text, Random random)
    {
        if (IsPlain(text) && text != "null" && random.Next(2) == 0) return text;
        if (!text.Contains('"') && random.Next(3) == 0) return "\"\"\"" + text + "\"\"\"";
        return Quote(text);
    }

    private static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c == '"') sb.Append("\\\"");
            else if (c == '\\') sb.Append("\\\\");
            else if (c == '\n') sb.Append("\\n");
            else if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
