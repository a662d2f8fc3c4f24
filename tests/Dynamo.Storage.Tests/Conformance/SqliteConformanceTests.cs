using Dynamo.Storage.Tests.Support;

namespace Dynamo.Storage.Tests.Conformance;

/// <summary>The conformance suite on the SQLite plugin, one fresh data directory per test, durable settings.</summary>
public sealed class SqliteConformanceTests : StorageConformanceTests
{
    private readonly TempDirectory directory = new();

    /// <inheritdoc />
    protected override async Task<IStoragePlugin> OpenAsync() => await StoragePlugins.CreateAsync(new StorageSettings
    {
        Plugin = StoragePlugins.Sqlite,
        Sqlite = new SqliteSettings { DataDirectory = directory.Path, Synchronous = SynchronousMode.Full },
    }, Token);

    /// <inheritdoc />
    protected override Task CleanUpAsync()
    {
        directory.Dispose();
        return Task.CompletedTask;
    }
}
