using Dynamo.Storage;

namespace Dynamo.Kv.Tests;

/// <summary>A real storage plugin whose key-value writes pass through a <see cref="GatedKeyValueStore"/>; hints and metadata are untouched.</summary>
internal sealed class GatedStoragePlugin(IStoragePlugin inner) : IStoragePlugin
{
    public GatedKeyValueStore Gate { get; } = new(inner.KeyValues);

    public string Name => inner.Name;

    public IKeyValueStore KeyValues => Gate;

    public IHintStore Hints => inner.Hints;

    public IMetadataStore Metadata => inner.Metadata;

    public ValueTask DisposeAsync()
    {
        // Held writes must not keep the plugin from closing.
        Gate.Open();
        return inner.DisposeAsync();
    }
}
