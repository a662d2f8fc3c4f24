namespace Dynamo.Actors;

/// <summary>Identifies an extension and knows how to create it for a system.</summary>
public interface IExtensionId<out T> where T : class, IExtension
{
    /// <summary>Creates the extension; called at most once per system.</summary>
    T CreateExtension(ActorSystem system);
}
