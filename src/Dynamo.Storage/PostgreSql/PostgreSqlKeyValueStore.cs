using Dynamo.Storage.GroupCommit;
using Npgsql;

namespace Dynamo.Storage.PostgreSql;

/// <summary>The key-value store of the PostgreSQL plugin: asynchronous reads from the pool, writes through the group commit.</summary>
internal sealed class PostgreSqlKeyValueStore : GroupCommitKeyValueStore
{
    private readonly PostgreSqlReads reads;
    private readonly string selectValue;
    private readonly string scanFrom;
    private readonly string scanBetween;
    private readonly string selectPartitions;
    private readonly string countPartition;

    public PostgreSqlKeyValueStore(PostgreSqlReads reads, WriteQueue writes, PluginLifetime lifetime, PostgreSqlSchema schema)
        : base(writes, lifetime)
    {
        this.reads = reads;
        var kv = schema.Table("kv");
        selectValue = $"SELECT value, length, checksum FROM {kv} WHERE partition = $1 AND key = $2";
        scanFrom = $"SELECT key, value, length, checksum FROM {kv} WHERE partition = $1 AND key >= $2 ORDER BY key LIMIT $3";
        scanBetween = $"SELECT key, value, length, checksum FROM {kv} WHERE partition = $1 AND key >= $2 AND key < $4 ORDER BY key LIMIT $3";
        selectPartitions = $"SELECT DISTINCT partition FROM {kv} ORDER BY partition";
        countPartition = $"SELECT count(*) FROM {kv} WHERE partition = $1";
    }

    public override async ValueTask<byte[]?> GetAsync(int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        var keyBytes = key.ToArray();
        return await reads.QueryAsync("read a key", selectValue, [partition, keyBytes], async row =>
            await row.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? StoredValueCheck.Verify(row.GetValue(0), row.GetInt32(1), row.GetInt64(2), reads.Location(partition, keyBytes))
                : null, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<IReadOnlyList<KeyValueEntry>> ScanAsync(int partition, ReadOnlyMemory<byte> from, ReadOnlyMemory<byte>? to, int limit, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        StorageArguments.Limit(limit);
        object[] parameters = to.HasValue ? [partition, from.ToArray(), limit, to.Value.ToArray()] : [partition, from.ToArray(), limit];
        return await reads.QueryAsync("scan a key range", to.HasValue ? scanBetween : scanFrom, parameters, async row =>
        {
            var entries = new List<KeyValueEntry>();
            while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = row.GetFieldValue<byte[]>(0);
                var value = StoredValueCheck.Verify(row.GetValue(1), row.GetInt32(2), row.GetInt64(3), reads.Location(partition, key));
                entries.Add(new KeyValueEntry(key, value));
            }
            return entries;
        }, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<IReadOnlyList<int>> ListPartitionsAsync(CancellationToken cancellationToken = default) =>
        await reads.QueryAsync("list partitions", selectPartitions, [], async row =>
        {
            var partitions = new List<int>();
            while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
                partitions.Add(row.GetInt32(0));
            return partitions;
        }, cancellationToken).ConfigureAwait(false);

    public override async Task<long> CountAsync(int partition, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        return await reads.QueryAsync("count a partition", countPartition, [partition], async row =>
        {
            await row.ReadAsync(cancellationToken).ConfigureAwait(false);
            return row.GetInt64(0);
        }, cancellationToken).ConfigureAwait(false);
    }
}
