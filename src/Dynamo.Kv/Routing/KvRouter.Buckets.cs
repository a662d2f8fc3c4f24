using Akka.Actor;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.Buckets;
using Dynamo.Protocol;

namespace Dynamo.Kv.Routing;

/// <summary>
/// Bucket properties: sets go to the node's <see cref="BucketMetadata"/>, which validates and replicates them and
/// answers the setter; every change it publishes replaces the properties this router routes by, and reads answer
/// from them here, without asking anyone.
/// </summary>
public sealed partial class KvRouter
{
    private IActorRef _bucketMetadata = ActorRefs.Nobody;

    private void StartBucketMetadata(IActorRef? replicator)
    {
        _bucketMetadata = Context.ActorOf(
            BucketMetadata.Props(_node, _settings.BucketDefaults, Self, replicator, _settings.BucketMetadataWriteTimeout), KvPaths.BucketMetadataName);
        Receive<SetBucketProps>(m => _bucketMetadata.Forward(m));
        Receive<GetBucketProps>(m => Sender.Tell(new BucketPropsResult { Bucket = m.Bucket, Props = _buckets.For(m.Bucket).ToProtocol() }, Self));
        Receive<BucketPropsChanged>(m =>
        {
            _buckets = m.Buckets;
            _antiEntropy.Tell(m, Self);
        });
    }
}
