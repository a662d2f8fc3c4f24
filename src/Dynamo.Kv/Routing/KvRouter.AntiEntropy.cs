using Dynamo.Actors;
using Dynamo.Kv.AntiEntropy;

namespace Dynamo.Kv.Routing;

/// <summary>Active anti-entropy: the node's <see cref="AntiEntropyExchange"/>, fed with every ring the router installs.</summary>
public sealed partial class KvRouter
{
    private IActorRef _antiEntropy = ActorRefs.Nobody;

    private void StartAntiEntropy()
    {
        _antiEntropy = Context.ActorOf(
            AntiEntropyExchange.Props(_node, _directory, _settings.AntiEntropy, _settings.BucketDefaults.N), KvPaths.AntiEntropyName);
        Receive<GetAntiEntropyStats>(m => _antiEntropy.Forward(m));
        Receive<StartExchange>(m => _antiEntropy.Forward(m));
    }
}
