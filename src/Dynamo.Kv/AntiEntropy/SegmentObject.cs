using Dynamo.Core.Siblings;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>One stored object of a segment.</summary>
/// <param name="Bucket">Bucket name.</param>
/// <param name="Key">Key bytes.</param>
/// <param name="Object">The stored versions.</param>
public sealed record SegmentObject(string Bucket, byte[] Key, SiblingSet Object);
