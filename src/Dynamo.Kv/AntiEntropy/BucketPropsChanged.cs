using Akka.Actor;
using Dynamo.Kv.Buckets;

namespace Dynamo.Kv.AntiEntropy;

/// <summary>The router's bucket properties after a change, so exchanges know each bucket's n_val.</summary>
/// <param name="Buckets">Every bucket's properties as the router now holds them.</param>
public sealed record BucketPropsChanged(BucketPropsStore Buckets) : INoSerializationVerificationNeeded;
