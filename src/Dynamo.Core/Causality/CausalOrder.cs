namespace Dynamo.Core.Causality;

/// <summary>How one version relates to another in causal (happened-before) order.</summary>
public enum CausalOrder
{
    /// <summary>This version happened before the other: the other supersedes it.</summary>
    Before,

    /// <summary>This version happened after the other: it supersedes the other.</summary>
    After,

    /// <summary>Both versions have the same causal history.</summary>
    Equal,

    /// <summary>Neither saw the other: they are conflicting siblings.</summary>
    Concurrent,
}
