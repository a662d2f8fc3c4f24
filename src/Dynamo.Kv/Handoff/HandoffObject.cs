using Dynamo.Core.Siblings;

namespace Dynamo.Kv.Handoff;

/// <summary>One object of a handed-off partition: its storage key (<see cref="ObjectKey"/>) and every version stored.</summary>
/// <param name="StorageKey">The encoded bucket and key.</param>
/// <param name="Object">The sibling set as the old owner stores it.</param>
public sealed record HandoffObject(byte[] StorageKey, SiblingSet Object);
