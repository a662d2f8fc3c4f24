using Dynamo.Actors.Dispatch;
using Dynamo.Actors.Supervision;

namespace Dynamo.Actors;

/// <summary>
/// The recipe for an actor: how to build an instance (again on every restart), plus optional deployment
/// choices. Immutable; share it freely.
/// </summary>
public sealed record Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory)
    {
        ActorType = actorType;
        _factory = factory;
    }

    /// <summary>The type of actor the recipe builds.</summary>
    public Type ActorType { get; }

    /// <summary>Overrides the strategy the actor uses for its children (otherwise its own SupervisorStrategy()).</summary>
    public SupervisorStrategy? SupervisorStrategy { get; init; }

    /// <summary>Runs the actor on this dispatcher instead of the system's.</summary>
    public IDispatcher? Dispatcher { get; init; }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() => new(typeof(TActor), static () => new TActor());

    /// <summary>Props building the actor with <paramref name="factory"/>, e.g. <c>() =&gt; new Worker(id)</c>; called again on each restart.</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory);
    }

    /// <summary>Props for <paramref name="actorType"/> built through the constructor matching <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="actorType"/> is not an actor type.</exception>
    public static Props Create(Type actorType, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        if (!typeof(ActorBase).IsAssignableFrom(actorType) || actorType.IsAbstract)
            throw new ArgumentException($"{actorType} is not a concrete actor type (it must derive from ActorBase).", nameof(actorType));
        return new Props(actorType, () => (ActorBase)Activator.CreateInstance(actorType, args)!);
    }

    /// <summary>A copy using <paramref name="strategy"/> for the actor's children.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => this with { SupervisorStrategy = strategy };

    /// <summary>A copy running on <paramref name="dispatcher"/>.</summary>
    public Props WithDispatcher(IDispatcher dispatcher) => this with { Dispatcher = dispatcher };

    internal ActorBase NewActor()
    {
        try
        {
            return _factory();
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            // new T() and Activator wrap constructor exceptions; the supervisor should see the actor's own.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
