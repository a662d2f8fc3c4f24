using Akka.Actor;

namespace Dynamo.Benchmarks.Remote;

/// <summary>Counts the messages it receives and completes the current batch once the expected number arrived.</summary>
internal sealed class CountingActor : ReceiveActor
{
    public CountingActor(BatchSignal signal) => ReceiveAny(_ => signal.Arrived());
}
