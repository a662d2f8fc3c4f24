using Microsoft.Data.Sqlite;

namespace Dynamo.Storage.Sqlite;

/// <summary>Turns SQLite's error codes into the plugin's exceptions, naming the file and what was attempted.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static Exception Translate(Exception exception, string path, string operation) => exception switch
    {
        StorageException or ObjectDisposedException or OperationCanceledException or ArgumentException => exception,
        SqliteException { SqliteErrorCode: NotADatabase } e =>
            new StorageCorruptionException($"{path} is not a SQLite database (or it is encrypted or damaged); cannot {operation}.", e),
        SqliteException { SqliteErrorCode: Corrupt } e =>
            new StorageCorruptionException($"The SQLite database {path} is corrupt; cannot {operation}: {e.Message}", e),
        SqliteException { SqliteErrorCode: CantOpen } e =>
            new StorageUnavailableException($"Cannot open the SQLite database {path} to {operation}: {e.Message}", e),
        SqliteException { SqliteErrorCode: Full } e =>
            new StorageException($"The disk holding {path} is full; cannot {operation}.", e),
        SqliteException { SqliteErrorCode: Busy or Locked } e =>
            new StorageException($"The SQLite database {path} is locked by another connection or process; cannot {operation}.", e),
        SqliteException e => new StorageException($"SQLite failed to {operation} in {path}: {e.Message}", e),
        IOException or UnauthorizedAccessException =>
            new StorageUnavailableException($"Cannot access {path} to {operation}: {exception.Message}", exception),
        _ => new StorageException($"Unexpected failure to {operation} in {path}: {exception.Message}", exception),
    };
}
