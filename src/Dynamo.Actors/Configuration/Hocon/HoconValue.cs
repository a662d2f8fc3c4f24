namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// A node of a parsed HOCON tree. Trees are immutable; merging and resolving build new nodes.
/// A tree may still hold substitutions and concatenations until it is resolved, which happens
/// only after every layer (file, fallbacks) has been merged, as the HOCON spec requires.
/// </summary>
internal abstract class HoconValue
{
    protected HoconValue(ConfigOrigin origin)
    {
        Origin = origin;
    }

    /// <summary>Where the value was written.</summary>
    public ConfigOrigin Origin { get; }

    /// <summary>True when the value and everything under it is free of substitutions and pending merges.</summary>
    public abstract bool IsResolved { get; }

    /// <summary>A short human name of the value's type, for error messages ("a string", "an object").</summary>
    public abstract string Describe();
}
