using System.Net.Sockets;
using Npgsql;

namespace Dynamo.Storage.PostgreSql;

/// <summary>Turns Npgsql failures into the plugin's exceptions, naming the server, schema and operation.</summary>
internal static class PostgreSqlErrors
{
    public static Exception Translate(Exception exception, string location, string operation) => exception switch
    {
        StorageException or ObjectDisposedException or OperationCanceledException or ArgumentException => exception,
        PostgresException { SqlState: "3D000" or "28000" or "28P01" or "57P03" or "53300" } e =>
            new StorageUnavailableException($"PostgreSQL at {location} refused the connection to {operation}: {e.SqlState} {e.MessageText}", e),
        PostgresException { SqlState: "XX001" or "XX002" } e =>
            new StorageCorruptionException($"PostgreSQL reports corrupt data at {location} while trying to {operation}: {e.MessageText}", e),
        PostgresException e =>
            new StorageException($"PostgreSQL failed to {operation} at {location}: {e.SqlState} {e.MessageText}", e),
        NpgsqlException { InnerException: SocketException or TimeoutException or IOException } or NpgsqlException { IsTransient: true } =>
            new StorageUnavailableException($"Cannot reach PostgreSQL at {location} to {operation}: {exception.Message}", exception),
        NpgsqlException e => new StorageException($"PostgreSQL failed to {operation} at {location}: {e.Message}", e),
        SocketException or TimeoutException =>
            new StorageUnavailableException($"Cannot reach PostgreSQL at {location} to {operation}: {exception.Message}", exception),
        _ => new StorageException($"Unexpected failure to {operation} at {location}: {exception.Message}", exception),
    };
}
