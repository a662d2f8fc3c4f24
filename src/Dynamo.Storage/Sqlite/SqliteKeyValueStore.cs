using Dynamo.Storage.GroupCommit;
using Microsoft.Data.Sqlite;

namespace Dynamo.Storage.Sqlite;

/// <summary>The key-value store of the SQLite plugin: reads from the reader pool, writes through the group commit.</summary>
internal sealed class SqliteKeyValueStore(SqliteReaderPool readers, WriteQueue writes, PluginLifetime lifetime, string path)
    : GroupCommitKeyValueStore(writes, lifetime)
{
    private const string SelectValue = "SELECT value, length, checksum FROM kv WHERE partition = $partition AND key = $key";
    private const string ScanFrom = """
        SELECT key, value, length, checksum FROM kv WHERE partition = $partition AND key >= $from
        ORDER BY key LIMIT $limit
        """;
    private const string ScanBetween = """
        SELECT key, value, length, checksum FROM kv WHERE partition = $partition AND key >= $from AND key < $to
        ORDER BY key LIMIT $limit
        """;
    private const string SelectPartitions = "SELECT DISTINCT partition FROM kv ORDER BY partition";
    private const string CountPartition = "SELECT count(*) FROM kv WHERE partition = $partition";

    public override ValueTask<byte[]?> GetAsync(int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        cancellationToken.ThrowIfCancellationRequested();
        var value = readers.Read("read a key", reader =>
        {
            var command = reader.Command(SelectValue);
            command.Parameters.AddWithValue("$partition", partition);
            command.Parameters.AddWithValue("$key", key.ToArray());
            using var row = command.ExecuteReader();
            return row.Read()
                ? StoredValueCheck.Verify(row.GetValue(0), row.GetInt64(1), row.GetInt64(2), Location(partition, key.Span))
                : null;
        });
        return ValueTask.FromResult(value);
    }

    public override Task<IReadOnlyList<KeyValueEntry>> ScanAsync(int partition, ReadOnlyMemory<byte> from, ReadOnlyMemory<byte>? to, int limit, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        StorageArguments.Limit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        var page = readers.Read("scan a key range", reader =>
        {
            var command = reader.Command(to.HasValue ? ScanBetween : ScanFrom);
            command.Parameters.AddWithValue("$partition", partition);
            command.Parameters.AddWithValue("$from", from.ToArray());
            if (to.HasValue)
                command.Parameters.AddWithValue("$to", to.Value.ToArray());
            command.Parameters.AddWithValue("$limit", limit);
            return ReadEntries(command, partition);
        });
        return Task.FromResult<IReadOnlyList<KeyValueEntry>>(page);
    }

    public override Task<IReadOnlyList<int>> ListPartitionsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var partitions = readers.Read("list partitions", reader =>
        {
            using var row = reader.Command(SelectPartitions).ExecuteReader();
            var found = new List<int>();
            while (row.Read())
                found.Add(row.GetInt32(0));
            return found;
        });
        return Task.FromResult<IReadOnlyList<int>>(partitions);
    }

    public override Task<long> CountAsync(int partition, CancellationToken cancellationToken = default)
    {
        StorageArguments.Partition(partition);
        cancellationToken.ThrowIfCancellationRequested();
        var count = readers.Read("count a partition", reader =>
        {
            var command = reader.Command(CountPartition);
            command.Parameters.AddWithValue("$partition", partition);
            return (long)command.ExecuteScalar()!;
        });
        return Task.FromResult(count);
    }

    private List<KeyValueEntry> ReadEntries(SqliteCommand command, int partition)
    {
        using var row = command.ExecuteReader();
        var entries = new List<KeyValueEntry>();
        while (row.Read())
        {
            var key = row.GetFieldValue<byte[]>(0);
            var value = StoredValueCheck.Verify(row.GetValue(1), row.GetInt64(2), row.GetInt64(3), Location(partition, key));
            entries.Add(new KeyValueEntry(key, value));
        }
        return entries;
    }

    private string Location(int partition, ReadOnlySpan<byte> key) => $"{path} partition {partition} key {KeyText.Format(key)}";
}
