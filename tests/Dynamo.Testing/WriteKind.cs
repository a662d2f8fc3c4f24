namespace Dynamo.Testing;

/// <summary>What a recorded write did to its key.</summary>
public enum WriteKind
{
    /// <summary>A put of a value (blind with an empty context, or after a read).</summary>
    Put,

    /// <summary>A delete of the versions its context covers.</summary>
    Delete,
}
