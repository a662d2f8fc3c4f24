namespace Dynamo.Actors;

/// <summary>Convenience base for extension ids: <c>MyExtension.Id.Get(system)</c> creates or returns the instance.</summary>
public abstract class ExtensionIdProvider<T> : IExtensionId<T> where T : class, IExtension
{
    /// <inheritdoc />
    public abstract T CreateExtension(ActorSystem system);

    /// <summary>The system's instance of the extension, created on first use.</summary>
    public T Get(ActorSystem system) => system.RegisterExtension(this);
}
