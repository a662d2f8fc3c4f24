using Dynamo.Storage.GroupCommit;

namespace Dynamo.Storage.Sqlite;

/// <summary>The metadata store of the SQLite plugin.</summary>
internal sealed class SqliteMetadataStore(SqliteReaderPool readers, WriteQueue writes, PluginLifetime lifetime, string path)
    : GroupCommitMetadataStore(writes, lifetime)
{
    private const string SelectValue = "SELECT value, length, checksum FROM metadata WHERE name = $name";

    public override ValueTask<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageArguments.Name(name, nameof(name));
        cancellationToken.ThrowIfCancellationRequested();
        var value = readers.Read("read metadata", reader =>
        {
            var command = reader.Command(SelectValue);
            command.Parameters.AddWithValue("$name", name);
            using var row = command.ExecuteReader();
            return row.Read()
                ? StoredValueCheck.Verify(row.GetValue(0), row.GetInt64(1), row.GetInt64(2), $"{path} metadata '{name}'")
                : null;
        });
        return ValueTask.FromResult(value);
    }
}
