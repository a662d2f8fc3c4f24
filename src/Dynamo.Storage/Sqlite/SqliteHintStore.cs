using Dynamo.Storage.GroupCommit;

namespace Dynamo.Storage.Sqlite;

/// <summary>The hint store of the SQLite plugin.</summary>
internal sealed class SqliteHintStore(SqliteReaderPool readers, WriteQueue writes, PluginLifetime lifetime, string path)
    : GroupCommitHintStore(writes, lifetime)
{
    private const string SelectHints = """
        SELECT id, partition, key, value, length, checksum FROM hints WHERE owner = $owner AND id > $after
        ORDER BY id LIMIT $limit
        """;
    private const string SelectHintsForKey = """
        SELECT id, value, length, checksum FROM hints WHERE owner = $owner AND partition = $partition AND key = $key
        ORDER BY id
        """;
    private const string SelectOwners = "SELECT DISTINCT owner FROM hints ORDER BY owner";
    private const string CountHints = "SELECT count(*) FROM hints WHERE owner = $owner";

    public override Task<IReadOnlyList<Hint>> ListAsync(string owner, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(owner, nameof(owner));
        StorageArguments.Limit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        var hints = readers.Read("list hints", reader =>
        {
            var command = reader.Command(SelectHints);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$after", afterId);
            command.Parameters.AddWithValue("$limit", limit);
            using var row = command.ExecuteReader();
            var found = new List<Hint>();
            while (row.Read())
            {
                var id = row.GetInt64(0);
                var value = StoredValueCheck.Verify(row.GetValue(3), row.GetInt64(4), row.GetInt64(5), $"{path} hint {id}");
                found.Add(new Hint(id, owner, row.GetInt32(1), row.GetFieldValue<byte[]>(2), value));
            }
            return found;
        });
        return Task.FromResult<IReadOnlyList<Hint>>(hints);
    }

    public override Task<IReadOnlyList<Hint>> ListForKeyAsync(string owner, int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(owner, nameof(owner));
        StorageArguments.Partition(partition);
        cancellationToken.ThrowIfCancellationRequested();
        var keyBytes = key.ToArray();
        var hints = readers.Read("list hints for a key", reader =>
        {
            var command = reader.Command(SelectHintsForKey);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$partition", partition);
            command.Parameters.AddWithValue("$key", keyBytes);
            using var row = command.ExecuteReader();
            var found = new List<Hint>();
            while (row.Read())
            {
                var id = row.GetInt64(0);
                var value = StoredValueCheck.Verify(row.GetValue(1), row.GetInt64(2), row.GetInt64(3), $"{path} hint {id}");
                found.Add(new Hint(id, owner, partition, keyBytes, value));
            }
            return found;
        });
        return Task.FromResult<IReadOnlyList<Hint>>(hints);
    }

    public override Task<IReadOnlyList<string>> ListOwnersAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var owners = readers.Read("list hint owners", reader =>
        {
            using var row = reader.Command(SelectOwners).ExecuteReader();
            var found = new List<string>();
            while (row.Read())
                found.Add(row.GetString(0));
            return found;
        });
        return Task.FromResult<IReadOnlyList<string>>(owners);
    }

    public override Task<long> CountAsync(string owner, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(owner, nameof(owner));
        cancellationToken.ThrowIfCancellationRequested();
        var count = readers.Read("count hints", reader =>
        {
            var command = reader.Command(CountHints);
            command.Parameters.AddWithValue("$owner", owner);
            return (long)command.ExecuteScalar()!;
        });
        return Task.FromResult(count);
    }
}
