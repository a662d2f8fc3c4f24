using Dynamo.Storage.Sqlite;
using Dynamo.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dynamo.Storage.Tests.Sqlite;

/// <summary>What the SQLite plugin does with files it did not write, damaged rows, and concurrent writers.</summary>
public sealed class SqliteStorageTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));

    private SqliteSettings Settings => new() { DataDirectory = directory.Path };

    private string DatabasePath => Path.Combine(directory.Path, Settings.FileName);

    public void Dispose()
    {
        timeout.Dispose();
        directory.Dispose();
    }

    private Task<SqliteStoragePlugin> OpenAsync() => SqliteStoragePlugin.OpenAsync(Settings, new GroupCommitSettings(), timeout.Token);

    private void ExecuteRaw(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long ScalarRaw(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private async Task WriteAndCloseAsync(Func<IStoragePlugin, Task> write)
    {
        await using var plugin = await OpenAsync();
        await write(plugin);
    }

    [Fact]
    public async Task File_of_random_bytes_is_refused_as_not_sqlite_and_left_untouched()
    {
        var garbage = Bytes.Pattern(1, 8192);
        await File.WriteAllBytesAsync(DatabasePath, garbage);

        var error = await Assert.ThrowsAsync<StorageCorruptionException>(OpenAsync);

        Assert.Contains("not a SQLite database", error.Message);
        Assert.Contains(DatabasePath, error.Message);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(DatabasePath));
    }

    [Fact]
    public async Task File_with_a_sqlite_header_but_garbage_pages_is_refused_as_corrupt()
    {
        var damaged = Bytes.Pattern(2, 8192);
        "SQLite format 3\0"u8.CopyTo(damaged);
        await File.WriteAllBytesAsync(DatabasePath, damaged);

        var error = await Assert.ThrowsAsync<StorageCorruptionException>(OpenAsync);

        Assert.Contains(DatabasePath, error.Message);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(DatabasePath));
    }

    [Fact]
    public async Task Store_of_a_newer_schema_version_is_refused_and_not_downgraded()
    {
        await WriteAndCloseAsync(p => p.KeyValues.PutAsync(0, [new KeyValueEntry(Bytes.Of("k"), Bytes.Of("v"))]));
        ExecuteRaw("PRAGMA user_version = 2");

        var error = await Assert.ThrowsAsync<StorageSchemaVersionException>(OpenAsync);

        Assert.Equal((2, 1), (error.FoundVersion, error.SupportedVersion));
        Assert.Contains("newer", error.Message);
        Assert.Equal(2, ScalarRaw("PRAGMA user_version"));
        Assert.Equal(1, ScalarRaw("SELECT count(*) FROM kv"));
    }

    [Fact]
    public async Task Sqlite_database_of_another_application_is_refused()
    {
        ExecuteRaw("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER)");

        var error = await Assert.ThrowsAsync<StorageCorruptionException>(OpenAsync);

        Assert.Contains("refusing to write into it", error.Message);
        Assert.Equal(0, ScalarRaw("SELECT count(*) FROM sqlite_master WHERE name = 'kv'"));
    }

    [Fact]
    public async Task Value_column_of_the_wrong_type_is_reported_as_corrupt_on_get_and_scan()
    {
        await WriteAndCloseAsync(p => p.KeyValues.PutAsync(3, [new KeyValueEntry(new byte[] { 0xAB, 0x00 }, Bytes.Of("value"))]));
        ExecuteRaw("UPDATE kv SET value = 'text instead of bytes'");
        await using var plugin = await OpenAsync();

        var onGet = await Assert.ThrowsAsync<StorageCorruptionException>(() => plugin.KeyValues.GetAsync(3, new byte[] { 0xAB, 0x00 }).AsTask());
        var onScan = await Assert.ThrowsAsync<StorageCorruptionException>(() => plugin.KeyValues.ScanAsync(3, Array.Empty<byte>(), null, 10));

        Assert.Contains("partition 3 key 0xAB00", onGet.Message);
        Assert.Contains("String", onGet.Message);
        Assert.Contains("0xAB00", onScan.Message);
    }

    [Fact]
    public async Task Value_shorter_than_its_recorded_length_is_reported_as_truncated()
    {
        await WriteAndCloseAsync(p => p.KeyValues.PutAsync(1, [new KeyValueEntry(Bytes.Of("k"), Bytes.Pattern(3, 4096))]));
        ExecuteRaw("UPDATE kv SET value = substr(value, 1, 100)");
        await using var plugin = await OpenAsync();

        var error = await Assert.ThrowsAsync<StorageCorruptionException>(() => plugin.KeyValues.GetAsync(1, Bytes.Of("k")).AsTask());

        Assert.Contains("100 bytes stored but 4096 recorded", error.Message);
    }

    [Fact]
    public async Task Value_altered_in_place_is_reported_by_its_checksum()
    {
        await WriteAndCloseAsync(p => p.KeyValues.PutAsync(1, [new KeyValueEntry(Bytes.Of("k"), Bytes.Pattern(4, 64))]));
        ExecuteRaw("UPDATE kv SET value = zeroblob(64)");
        await using var plugin = await OpenAsync();

        var error = await Assert.ThrowsAsync<StorageCorruptionException>(() => plugin.KeyValues.GetAsync(1, Bytes.Of("k")).AsTask());

        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public async Task Damaged_hint_and_metadata_are_reported_as_corrupt()
    {
        await WriteAndCloseAsync(async p =>
        {
            await p.Hints.AddAsync("owner", 0, Bytes.Of("k"), Bytes.Of("hinted value"));
            await p.Metadata.SetAsync(MetadataKeys.Ring, Bytes.Of("ring"));
        });
        ExecuteRaw("UPDATE hints SET value = substr(value, 1, 2); UPDATE metadata SET value = 42");
        await using var plugin = await OpenAsync();

        var hint = await Assert.ThrowsAsync<StorageCorruptionException>(() => plugin.Hints.ListAsync("owner", 0, 10));
        var metadata = await Assert.ThrowsAsync<StorageCorruptionException>(() => plugin.Metadata.GetAsync(MetadataKeys.Ring).AsTask());

        Assert.Contains("hint 1", hint.Message);
        Assert.Contains(MetadataKeys.Ring, metadata.Message);
    }

    [Fact]
    public async Task Data_directory_that_cannot_be_created_is_reported_as_unavailable()
    {
        var file = Path.Combine(directory.Path, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");
        var settings = new SqliteSettings { DataDirectory = Path.Combine(file, "data") };

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => SqliteStoragePlugin.OpenAsync(settings, new GroupCommitSettings(), timeout.Token));

        Assert.Contains(file, error.Message);
    }

    [Fact]
    public async Task Puts_waiting_together_share_one_commit()
    {
        await using var plugin = await OpenAsync();
        const int puts = 200;

        // Hold SQLite's write lock from another connection so that the writer cannot commit
        // while the puts queue up; released, it must take the whole queue in one transaction.
        var blocker = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        blocker.Open();
        var hold = blocker.BeginTransaction(deferred: false);
        var writes = Enumerable.Range(0, puts)
            .Select(i => plugin.KeyValues.PutAsync(0, [new KeyValueEntry(Bytes.Of($"k{i:D3}"), Bytes.Pattern(i, 1024))]))
            .ToArray();
        hold.Rollback();
        blocker.Dispose();
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(puts, await plugin.KeyValues.CountAsync(0));
        Assert.InRange(plugin.Commits, 1, 2);
    }
}
