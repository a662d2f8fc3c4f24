using Dynamo.Storage.GroupCommit;

namespace Dynamo.Storage.PostgreSql;

/// <summary>The metadata store of the PostgreSQL plugin.</summary>
internal sealed class PostgreSqlMetadataStore(PostgreSqlReads reads, WriteQueue writes, PluginLifetime lifetime, PostgreSqlSchema schema)
    : GroupCommitMetadataStore(writes, lifetime)
{
    private readonly string selectValue = $"SELECT value, length, checksum FROM {schema.Table("metadata")} WHERE name = $1";

    public override async ValueTask<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(name, nameof(name));
        return await reads.QueryAsync("read metadata", selectValue, [name], async row =>
            await row.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? StoredValueCheck.Verify(row.GetValue(0), row.GetInt32(1), row.GetInt64(2), $"{reads.Where} metadata '{name}'")
                : null, cancellationToken).ConfigureAwait(false);
    }
}
