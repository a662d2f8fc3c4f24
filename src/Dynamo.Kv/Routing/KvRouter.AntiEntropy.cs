using Akka.Actor;
using Dynamo.Kv.AntiEntropy;

namespace Dynamo.Kv.Routing;

/// <summary>Active anti-entropy: the node's <see cref="AntiEntropyExchange"/>, fed with every ring and bucket property change the router takes.</summary>
public sealed partial class KvRouter
{
    private IActorRef _antiEntropy = ActorRefs.Nobody;

    private void StartAntiEntropy()
    {
        _antiEntropy = Context.ActorOf(
            AntiEntropyExchange.Props(_node, _directory, _settings.AntiEntropy, _settings.BucketDefaults), KvPaths.AntiEntropyName);
        Receive<GetAntiEntropyStats>(m => _antiEntropy.Forward(m));
        Receive<StartExchange>(m => _antiEntropy.Forward(m));
    }
}
