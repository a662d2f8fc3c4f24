namespace Dynamo.Actors;

/// <summary>A system-wide service attached to an <see cref="ActorSystem"/> (e.g. remoting, cluster), created once per system.</summary>
public interface IExtension;
