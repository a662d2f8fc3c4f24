namespace Dynamo.Storage;

/// <summary>
/// One node's storage: the versioned objects of its partitions, the hints it holds for other
/// nodes, and its own metadata. Opened by <see cref="StoragePlugins.CreateAsync"/>; disposing it
/// waits for queued writes to finish and releases files and connections.
/// </summary>
public interface IStoragePlugin : IAsyncDisposable
{
    /// <summary>The plugin name as configured (<c>memory</c>, <c>sqlite</c> or <c>postgresql</c>).</summary>
    string Name { get; }

    /// <summary>The partitioned key-value store that VNode actors persist objects in.</summary>
    IKeyValueStore KeyValues { get; }

    /// <summary>Hinted writes held on behalf of unreachable owners (sloppy quorum).</summary>
    IHintStore Hints { get; }

    /// <summary>Small node metadata: identity, incarnation, last known ring and membership.</summary>
    IMetadataStore Metadata { get; }
}
