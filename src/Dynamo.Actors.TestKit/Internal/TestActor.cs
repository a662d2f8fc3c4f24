using System.Collections.Concurrent;

namespace Dynamo.Actors.TestKit.Internal;

/// <summary>The actor behind TestActor and every probe: queues whatever it receives for the test thread to inspect.</summary>
internal sealed class TestActor(BlockingCollection<ReceivedMessage> queue) : ActorBase
{
    /// <summary>Makes the test actor watch <paramref name="Target"/>.</summary>
    public sealed record WatchTarget(IActorRef Target);

    /// <summary>Makes the test actor stop watching <paramref name="Target"/>.</summary>
    public sealed record UnwatchTarget(IActorRef Target);

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchTarget watch:
                Context.Watch(watch.Target);
                break;
            case UnwatchTarget unwatch:
                Context.Unwatch(unwatch.Target);
                break;
            default:
                queue.Add(new ReceivedMessage(message, Sender));
                break;
        }
        return true;
    }
}
