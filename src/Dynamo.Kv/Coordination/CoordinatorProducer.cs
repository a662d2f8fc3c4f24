using Akka.Actor;

namespace Dynamo.Kv.Coordination;

/// <summary>
/// Makes a coordinator by calling its constructor. A node makes one coordinator per request: <c>Props.Create</c>
/// with an expression would read the constructor's arguments out of the expression tree and then build the actor by
/// reflection, every time, where this is a plain call.
/// </summary>
internal sealed class CoordinatorProducer<TCoordinator>(Func<TCoordinator> create) : IIndirectActorProducer
    where TCoordinator : ActorBase
{
    /// <summary>Props that make the coordinator <paramref name="create"/> returns.</summary>
    public static Props Props(Func<TCoordinator> create) => Akka.Actor.Props.CreateBy(new CoordinatorProducer<TCoordinator>(create));

    /// <inheritdoc />
    public Type ActorType => typeof(TCoordinator);

    /// <inheritdoc />
    public ActorBase Produce() => create();

    /// <inheritdoc />
    public void Release(ActorBase actor)
    {
    }
}
