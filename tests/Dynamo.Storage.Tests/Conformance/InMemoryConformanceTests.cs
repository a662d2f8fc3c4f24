using Dynamo.Storage.InMemory;

namespace Dynamo.Storage.Tests.Conformance;

/// <summary>
/// The conformance suite on the in-memory plugin. A restart reopens a plugin over the same
/// <see cref="InMemoryDatabase"/>, which models a node restart within one process.
/// </summary>
public sealed class InMemoryConformanceTests : StorageConformanceTests
{
    private readonly InMemoryDatabase database = new();

    /// <inheritdoc />
    protected override Task<IStoragePlugin> OpenAsync() => Task.FromResult<IStoragePlugin>(new InMemoryStoragePlugin(database));
}
