namespace Dynamo.Actors;

/// <summary>
/// Creates the actor tree's roots and turns paths into references. The local provider resolves paths of this
/// system; a remote provider (supplied through <see cref="ActorSystemSettings.ProviderFactory"/>) gives the system
/// a network <see cref="Address"/> and resolves paths of other systems into remote references.
/// </summary>
public interface IActorRefProvider
{
    /// <summary>The address of this system, fixed before any actor exists.</summary>
    Address Address { get; }

    /// <summary>The root of every path in this system.</summary>
    ActorPath RootPath { get; }

    /// <summary>The root guardian (<c>/</c>).</summary>
    IInternalActorRef RootGuardian { get; }

    /// <summary>The parent of top-level user actors (<c>/user</c>).</summary>
    IInternalActorRef Guardian { get; }

    /// <summary>The parent of the runtime's own actors (<c>/system</c>).</summary>
    IInternalActorRef SystemGuardian { get; }

    /// <summary>Where undeliverable messages go (<c>/deadLetters</c>).</summary>
    IActorRef DeadLetters { get; }

    /// <summary>Creates the guardians; called once by the system after the provider is constructed.</summary>
    void Init();

    /// <summary>The reference for <paramref name="path"/>: a local actor, a remote one, or a dead-letter stand-in if nobody lives there.</summary>
    IActorRef ResolveActorRef(ActorPath path);

    /// <summary>Parses and resolves an absolute path (a local path without address, like <c>/user/a</c>, is accepted too).</summary>
    IActorRef ResolveActorRef(string path);

    /// <summary>A fresh, unique path under <c>/temp</c> for a short-lived reference.</summary>
    ActorPath TempPath();

    /// <summary>Makes a short-lived reference resolvable by its path until unregistered.</summary>
    void RegisterTempActor(IInternalActorRef actor, ActorPath path);

    /// <summary>Forgets a short-lived reference.</summary>
    void UnregisterTempActor(ActorPath path);
}
