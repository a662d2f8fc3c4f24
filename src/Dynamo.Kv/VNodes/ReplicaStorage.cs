using System.Collections.Immutable;

namespace Dynamo.Kv.VNodes;

// Local requests to a vnode about its stored replica as a whole: reading it page by page and deleting it
// (an ownership handoff), and asking whether it holds anything (a ring manager after a restart).

/// <summary>Objects in key order from <paramref name="From"/> on, at most <paramref name="Limit"/> keys; answered with <see cref="ReplicaPage"/>.</summary>
public sealed record ReadReplicaPage(byte[] From, int Limit) : Akka.Actor.INoSerializationVerificationNeeded;

/// <summary>A page of stored objects in key order.</summary>
/// <param name="Entries">Storage keys and <c>SiblingSetSerializer</c> bytes; a key whose object went while the page was read is left out.</param>
/// <param name="LastKey">The last key the page covered, whether or not its object is among the entries; null when it covered none.</param>
/// <param name="End">True when the page reached the end of the replica: no key after <paramref name="LastKey"/>.</param>
public sealed record ReplicaPage(ImmutableArray<(byte[] StorageKey, byte[] Object)> Entries, byte[]? LastKey, bool End) : Akka.Actor.INoSerializationVerificationNeeded;

/// <summary>The objects of <paramref name="Keys"/> (storage keys); keys without an object are left out. Answered with <see cref="ReplicaObjects"/>.</summary>
public sealed record ReadReplicaKeys(IReadOnlyList<byte[]> Keys) : Akka.Actor.INoSerializationVerificationNeeded;

/// <summary>Stored objects: storage keys and <c>SiblingSetSerializer</c> bytes, in key order for a page.</summary>
public sealed record ReplicaObjects(ImmutableArray<(byte[] StorageKey, byte[] Object)> Entries) : Akka.Actor.INoSerializationVerificationNeeded;

/// <summary>Deletes the replica's events and snapshots; answered with <see cref="ReplicaDropped"/> or a <see cref="VNodeFailure"/>.</summary>
public sealed record DropReplica : Akka.Actor.INoSerializationVerificationNeeded
{
    /// <summary>The one instance.</summary>
    public static DropReplica Instance { get; } = new();
}

/// <summary>The replica of <paramref name="Partition"/> is deleted.</summary>
public sealed record ReplicaDropped(int Partition) : Akka.Actor.INoSerializationVerificationNeeded;

/// <summary>Asks how many live keys the vnode holds (after its recovery); answered with <see cref="ObjectsHeld"/>.</summary>
public sealed record HoldsObjects : Akka.Actor.INoSerializationVerificationNeeded
{
    /// <summary>The one instance.</summary>
    public static HoldsObjects Instance { get; } = new();
}

/// <summary>The vnode of <paramref name="Partition"/> holds <paramref name="Keys"/> live keys.</summary>
public sealed record ObjectsHeld(int Partition, int Keys) : Akka.Actor.INoSerializationVerificationNeeded;
