namespace Dynamo.Actors;

/// <summary>Something that creates actors and looks them up: the system (top-level actors) or an actor's context (children).</summary>
public interface IActorRefFactory
{
    /// <summary>Creates an actor; <paramref name="name"/> must be unique among its siblings, or null for a generated one.</summary>
    /// <exception cref="InvalidActorNameException">The name is illegal or taken.</exception>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Selects actors by path: absolute (<c>/user/a</c>, <c>dynamo://sys/user/a</c>) or relative (<c>../b</c>, <c>child</c>), with <c>*</c> and <c>?</c> wildcards.</summary>
    ActorSelection ActorSelection(string path);

    /// <summary>Selects the actor at an absolute path.</summary>
    ActorSelection ActorSelection(ActorPath path);
}
