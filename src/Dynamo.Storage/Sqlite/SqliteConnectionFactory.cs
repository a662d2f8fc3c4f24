using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dynamo.Storage.Sqlite;

/// <summary>Opens connections to one node's database file with the plugin's pragmas applied.</summary>
internal sealed class SqliteConnectionFactory
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();
    private readonly SqliteSettings settings;

    public SqliteConnectionFactory(SqliteSettings settings)
    {
        this.settings = settings;
        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(settings.DataDirectory, settings.FileName));
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Checks the file header before SQLite touches the file: SQLite's own error for a foreign
    /// file is vague, and an empty or missing file is a new store, not a corrupt one.
    /// </summary>
    public void CheckFile()
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var file = new FileInfo(Path);
            if (!file.Exists || file.Length == 0)
                return;
            var header = new byte[Header.Length];
            using var stream = file.OpenRead();
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (read < header.Length || !header.AsSpan().SequenceEqual(Header))
                throw new StorageCorruptionException(
                    $"{Path} is not a SQLite database: its {file.Length} bytes do not start with the SQLite header. " +
                    "Refusing to open or overwrite it; move it away if it is not needed.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"Cannot access the data directory or database file {Path}: {e.Message}", e);
        }
    }

    /// <summary>Opens the connection the writer loop owns; it also turns on WAL mode.</summary>
    public SqliteConnection OpenWriter()
    {
        var connection = Open(SqliteOpenMode.ReadWriteCreate);
        try
        {
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new StorageException($"SQLite refused WAL mode for {Path} (journal mode is {mode}); the durability contract needs WAL.");
            var synchronous = settings.Synchronous == SynchronousMode.Full ? "FULL" : "NORMAL";
            Scalar(connection, $"PRAGMA synchronous = {synchronous}");
            Scalar(connection, $"PRAGMA wal_autocheckpoint = {settings.WalAutoCheckpointPages.ToString(CultureInfo.InvariantCulture)}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a connection for reads; it can never write, even by mistake.</summary>
    public SqliteConnection OpenReader()
    {
        var connection = Open(SqliteOpenMode.ReadWrite);
        Scalar(connection, "PRAGMA query_only = 1");
        return connection;
    }

    private SqliteConnection Open(SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = mode,
            // Without pooling, disposing the plugin really closes the file: a restart in the
            // same process then reopens it, as a new process would.
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Scalar(connection, $"PRAGMA busy_timeout = {(long)settings.BusyTimeout.TotalMilliseconds}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
