namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Two or more definitions of one field that cannot be merged before resolution, because at
/// least one is a substitution whose type is not known yet. Resolution merges them bottom-up,
/// and a self-reference in a layer (<c>path = ${path} [x]</c>) sees the layers below it.
/// </summary>
internal sealed class HoconDelayedMerge : HoconValue
{
    public HoconDelayedMerge(IReadOnlyList<HoconValue> layers, ConfigOrigin origin)
        : base(origin)
    {
        Layers = layers;
    }

    /// <summary>The definitions, highest priority (latest) first.</summary>
    public IReadOnlyList<HoconValue> Layers { get; }

    public override bool IsResolved => false;

    public override string Describe() => "a merge of definitions";
}
