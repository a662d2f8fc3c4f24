using Akka.Actor;
using Dynamo.Kv.Buckets;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>
/// A node's bucket properties after a change: <see cref="BucketMetadata"/> tells the router, which routes by them and
/// passes them on to the anti-entropy exchange, so exchanges know each bucket's n_val. Never leaves the node.
/// </summary>
/// <param name="Buckets">Every bucket's properties as the node now knows them.</param>
public sealed record BucketPropsChanged(BucketPropsStore Buckets) : INoSerializationVerificationNeeded;
