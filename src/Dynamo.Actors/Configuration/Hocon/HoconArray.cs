namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>A list of values, written <c>[a, b, c]</c> with commas or new lines between elements.</summary>
internal sealed class HoconArray : HoconValue
{
    public HoconArray(IReadOnlyList<HoconValue> items, ConfigOrigin origin)
        : base(origin)
    {
        Items = items;
        IsResolved = items.All(i => i.IsResolved);
    }

    /// <summary>The elements in written order.</summary>
    public IReadOnlyList<HoconValue> Items { get; }

    public override bool IsResolved { get; }

    public override string Describe() => "a list";
}
