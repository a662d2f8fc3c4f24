using Dynamo.Storage.GroupCommit;

namespace Dynamo.Storage.PostgreSql;

/// <summary>The hint store of the PostgreSQL plugin.</summary>
internal sealed class PostgreSqlHintStore(PostgreSqlReads reads, WriteQueue writes, PluginLifetime lifetime, PostgreSqlSchema schema)
    : GroupCommitHintStore(writes, lifetime)
{
    private readonly string selectHints =
        $"SELECT id, partition, key, value, length, checksum FROM {schema.Table("hints")} WHERE owner = $1 AND id > $2 ORDER BY id LIMIT $3";
    private readonly string selectHintsForKey =
        $"SELECT id, value, length, checksum FROM {schema.Table("hints")} WHERE owner = $1 AND partition = $2 AND key = $3 ORDER BY id";
    private readonly string selectOwners = $"SELECT DISTINCT owner FROM {schema.Table("hints")} ORDER BY owner";
    private readonly string countHints = $"SELECT count(*) FROM {schema.Table("hints")} WHERE owner = $1";

    public override async Task<IReadOnlyList<Hint>> ListAsync(string owner, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(owner, nameof(owner));
        StorageArguments.Limit(limit);
        return await reads.QueryAsync("list hints", selectHints, [owner, afterId, limit], async row =>
        {
            var hints = new List<Hint>();
            while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = row.GetInt64(0);
                var value = StoredValueCheck.Verify(row.GetValue(3), row.GetInt32(4), row.GetInt64(5), $"{reads.Where} hint {id}");
                hints.Add(new Hint(id, owner, row.GetInt32(1), row.GetFieldValue<byte[]>(2), value));
            }
            return hints;
        }, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<IReadOnlyList<Hint>> ListForKeyAsync(string owner, int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(owner, nameof(owner));
        StorageArguments.Partition(partition);
        var keyBytes = key.ToArray();
        return await reads.QueryAsync("list hints for a key", selectHintsForKey, [owner, partition, keyBytes], async row =>
        {
            var hints = new List<Hint>();
            while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = row.GetInt64(0);
                var value = StoredValueCheck.Verify(row.GetValue(1), row.GetInt32(2), row.GetInt64(3), $"{reads.Where} hint {id}");
                hints.Add(new Hint(id, owner, partition, keyBytes, value));
            }
            return hints;
        }, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<IReadOnlyList<string>> ListOwnersAsync(CancellationToken cancellationToken = default) =>
        await reads.QueryAsync("list hint owners", selectOwners, [], async row =>
        {
            var owners = new List<string>();
            while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
                owners.Add(row.GetString(0));
            return owners;
        }, cancellationToken).ConfigureAwait(false);

    public override async Task<long> CountAsync(string owner, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(owner, nameof(owner));
        return await reads.QueryAsync("count hints", countHints, [owner], async row =>
        {
            await row.ReadAsync(cancellationToken).ConfigureAwait(false);
            return row.GetInt64(0);
        }, cancellationToken).ConfigureAwait(false);
    }
}
