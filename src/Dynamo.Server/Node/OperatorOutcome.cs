namespace Dynamo.Server.Node;

/// <summary>How an operator call (join, leave, down) ended.</summary>
public enum OperatorOutcome
{
    /// <summary>The change was accepted; membership converges on it through gossip.</summary>
    Accepted,

    /// <summary>No member has the given address.</summary>
    UnknownMember,

    /// <summary>The change is not allowed now (for instance a member already removed); the message says why.</summary>
    Refused,

    /// <summary>This node cannot carry out membership changes (an in-process store with fixed members).</summary>
    NotSupported,
}
