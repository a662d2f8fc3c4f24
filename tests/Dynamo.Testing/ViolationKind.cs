namespace Dynamo.Testing;

/// <summary>What a <see cref="Violation"/> found wrong.</summary>
public enum ViolationKind
{
    /// <summary>An acknowledged put is neither present nor causally superseded.</summary>
    LostWrite,

    /// <summary>A value is present that no put wrote, or only a put that failed as not written.</summary>
    NeverWritten,

    /// <summary>A value an acknowledged delete covered is present again.</summary>
    ResurrectedDelete,

    /// <summary>A value is present beside (or instead of) an acknowledged or present write that superseded it.</summary>
    SupersededVersion,

    /// <summary>The final read of a key failed, so nothing about it could be checked.</summary>
    ReadFailed,
}
