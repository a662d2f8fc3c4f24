using System.Diagnostics.CodeAnalysis;
using System.Text;
using Dynamo.Actors.Internal;

namespace Dynamo.Actors;

/// <summary>
/// The location of an actor: the <see cref="Address"/> of its system plus the names from the root guardian down,
/// e.g. <c>dynamo://sys/user/a/b</c>. Immutable; a child path shares its parent's instance.
/// Equality ignores <see cref="Uid"/> (as in Akka), so a path names a position in the tree, not an incarnation.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    /// <summary>The uid meaning "any incarnation".</summary>
    public const long UndefinedUid = 0;

    // Formatted once: references are written into every envelope they send or sign, and a path never changes.
    private string? _text;
    private string? _serialized;

    private ActorPath(Address address, ActorPath? parent, string name, long uid)
    {
        Address = address;
        Parent = parent;
        Name = name;
        Uid = uid;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The system this path lives in.</summary>
    public Address Address { get; }

    /// <summary>The parent path, or null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element; empty for the root.</summary>
    public string Name { get; }

    /// <summary>The incarnation of the actor at this path, or <see cref="UndefinedUid"/>.</summary>
    public long Uid { get; }

    /// <summary>Number of elements below the root.</summary>
    public int Depth { get; }

    /// <summary>The root path of an address.</summary>
    public static ActorPath Root(Address address) => new(address, null, "", UndefinedUid);

    /// <summary>The root path of this path.</summary>
    public ActorPath RootPath
    {
        get
        {
            var p = this;
            while (p.Parent is not null) p = p.Parent;
            return p;
        }
    }

    /// <summary>The names from the root down (the root itself has none).</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var result = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent) result[p.Depth - 1] = p.Name;
            return result;
        }
    }

    /// <summary>A child path named <paramref name="name"/>.</summary>
    public ActorPath Child(string name, long uid = UndefinedUid)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/')) throw new ArgumentException($"Path element '{name}' must not contain '/'.", nameof(name));
        return new ActorPath(Address, this, name, uid);
    }

    /// <summary>A child path named <paramref name="name"/>.</summary>
    public static ActorPath operator /(ActorPath path, string name) => path.Child(name);

    /// <summary>The same path with another incarnation uid.</summary>
    public ActorPath WithUid(long uid) => uid == Uid ? this : new ActorPath(Address, Parent, Name, uid);

    /// <summary>The same elements under another address (used when a system gets its network address).</summary>
    public ActorPath WithAddress(Address address)
    {
        if (address == Address) return this;
        var result = Root(address);
        foreach (var e in Elements) result = result.Child(e);
        return result.WithUid(Uid);
    }

    /// <summary>The elements as <c>/user/a/b</c>, without the address.</summary>
    public string ToStringWithoutAddress()
    {
        if (Parent is null) return "/";
        var sb = new StringBuilder();
        AppendElements(sb, this);
        return sb.ToString();
    }

    /// <summary>The full path with the uid appended as <c>#uid</c> when known; what travels between systems.</summary>
    public string ToSerializationFormat() => _serialized ??= Uid == UndefinedUid ? ToString() : $"{ToString()}#{Uid}";

    /// <inheritdoc />
    public override string ToString() => _text ??= Parent is null ? Address + "/" : Parent.AppendName(Name);

    private string AppendName(string name) => Parent is null ? string.Concat(ToString(), name) : string.Concat(ToString(), "/", name);

    private static void AppendElements(StringBuilder sb, ActorPath path)
    {
        if (path.Parent is null) return;
        AppendElements(sb, path.Parent);
        sb.Append('/').Append(path.Name);
    }

    /// <summary>Parses <c>protocol://system[@host:port]/a/b[#uid]</c>.</summary>
    /// <exception cref="FormatException">The text is not an absolute actor path.</exception>
    public static ActorPath Parse(string text) =>
        TryParse(text, out var path) ? path : throw new FormatException($"'{text}' is not an actor path (expected protocol://system[@host:port]/elements).");

    /// <summary>Parses an absolute actor path, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ActorPath? path)
    {
        path = null;
        if (text is null || !ActorPathSyntax.TrySplit(text, out int addressLength, out int elementsEnd, out long uid)) return false;
        if (!Address.TryParse(text, out var address)) return false;
        var result = Root(address);
        var elements = text.AsSpan(addressLength, elementsEnd - addressLength);
        foreach (var range in elements.Split('/'))
        {
            if (range.Start.Equals(range.End)) continue;
            result = new ActorPath(address, result, new string(elements[range]), UndefinedUid);
        }
        path = result.WithUid(uid);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Depth != Depth) return false;
        var a = this;
        var b = other;
        while (a is not null && b is not null)
        {
            if (ReferenceEquals(a, b)) return true;
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal)) return false;
            if (a.Parent is null) return a.Address == b.Address;
            a = a.Parent;
            b = b.Parent!;
        }
        return false;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var p = this; p is not null; p = p.Parent)
        {
            hash.Add(p.Name, StringComparer.Ordinal);
            if (p.Parent is null) hash.Add(p.Address);
        }
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public int CompareTo(ActorPath? other)
    {
        if (other is null) return 1;
        int c = Address.CompareTo(other.Address);
        return c != 0 ? c : string.CompareOrdinal(ToStringWithoutAddress(), other.ToStringWithoutAddress());
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(ActorPath? left, ActorPath? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ActorPath? left, ActorPath? right) => !(left == right);
}
