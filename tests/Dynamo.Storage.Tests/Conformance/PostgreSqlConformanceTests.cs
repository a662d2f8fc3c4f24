using Dynamo.Storage.Tests.Support;

namespace Dynamo.Storage.Tests.Conformance;

/// <summary>
/// The conformance suite on the PostgreSQL plugin, one fresh schema per test in the server named
/// by DYNAMO_TEST_POSTGRES; reported skipped when no server is configured.
/// </summary>
[RequiresPostgres]
public sealed class PostgreSqlConformanceTests : StorageConformanceTests
{
    private readonly string schema = TestPostgres.NewSchema();

    /// <inheritdoc />
    protected override async Task<IStoragePlugin> OpenAsync() => await StoragePlugins.CreateAsync(new StorageSettings
    {
        Plugin = StoragePlugins.PostgreSql,
        PostgreSql = new PostgreSqlSettings { ConnectionString = TestPostgres.ConnectionString!, Schema = schema },
    }, Token);

    /// <inheritdoc />
    protected override Task CleanUpAsync() => TestPostgres.DropSchemaAsync(schema);
}
