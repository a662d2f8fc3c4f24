using Dynamo.Core.Serialization;

namespace Dynamo.Core.Causality;

/// <summary>
/// The opaque context a client receives with a read and hands back with its next write: the
/// version vector of everything the read saw. Clients only ever hold its bytes.
/// </summary>
/// <remarks>
/// Encoding (version 1): an empty byte string is the empty context; otherwise a format byte
/// <c>0x01</c>, a varint entry count, then per entry in ordinal node order a varint-length UTF-8
/// node id and a varint counter. Parsing accepts only this canonical form.
/// </remarks>
public sealed class CausalContext : IEquatable<CausalContext>
{
    private const byte FormatVersion = 1;

    /// <summary>Wraps a version vector.</summary>
    public CausalContext(VersionVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        Vector = vector;
    }

    /// <summary>The context of a blind write: it supersedes nothing.</summary>
    public static CausalContext Empty { get; } = new(VersionVector.Empty);

    /// <summary>The version vector the context stands for.</summary>
    public VersionVector Vector { get; }

    /// <summary>The compact byte form handed to clients.</summary>
    public byte[] ToBytes()
    {
        if (Vector.Entries.IsEmpty)
        {
            return [];
        }

        var w = new ByteWriter();
        w.Byte(FormatVersion);
        w.VarUInt((ulong)Vector.Entries.Length);
        foreach (var dot in Vector.Entries)
        {
            w.String(dot.Node);
            w.VarUInt((ulong)dot.Counter);
        }

        return w.ToArray();
    }

    /// <summary>Reads a context produced by <see cref="ToBytes"/>.</summary>
    /// <exception cref="InvalidContextException">The bytes are truncated, of an unknown format, or not canonical.</exception>
    public static CausalContext Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return Empty;
        }

        var r = new ByteReader(bytes, m => new InvalidContextException($"Invalid causal context: {m}."));
        var version = r.Byte();
        if (version != FormatVersion)
        {
            throw r.Error($"unknown format version {version}");
        }

        var count = r.Length("entry count");
        var dots = new List<Dot>(count);
        for (var i = 0; i < count; i++)
        {
            var node = r.String("node id");
            var counter = r.VarUInt();
            if (node.Length == 0 || counter is 0 or > long.MaxValue)
            {
                throw r.Error($"entry {i} has an empty node id or a counter out of range");
            }

            if (i > 0 && string.CompareOrdinal(dots[^1].Node, node) >= 0)
            {
                throw r.Error($"entry {i} ('{node}') is out of order or repeated");
            }

            dots.Add(new Dot(node, (long)counter));
        }

        r.ExpectEnd();
        return new CausalContext(VersionVector.From(dots));
    }

    /// <inheritdoc />
    public bool Equals(CausalContext? other) => other is not null && Vector.Equals(other.Vector);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CausalContext);

    /// <inheritdoc />
    public override int GetHashCode() => Vector.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Vector.ToString();
}
