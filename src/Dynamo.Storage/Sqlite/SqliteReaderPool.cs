using System.Collections.Concurrent;

namespace Dynamo.Storage.Sqlite;

/// <summary>
/// Read connections shared by all callers. In WAL mode readers never wait for the writer, so
/// reads run on the caller's thread: SQLite has no asynchronous I/O, and a read is served from
/// the page cache far more often than from disk, which makes a thread hop cost more than it saves.
/// </summary>
internal sealed class SqliteReaderPool(SqliteConnectionFactory factory, PluginLifetime lifetime) : IDisposable
{
    private readonly ConcurrentBag<SqliteReader> idle = [];

    public T Read<T>(string operation, Func<SqliteReader, T> read)
    {
        lifetime.ThrowIfClosed();
        SqliteReader? reader = null;
        try
        {
            if (!idle.TryTake(out reader))
                reader = new SqliteReader(factory.OpenReader());
            return read(reader);
        }
        catch (Exception e)
        {
            throw SqliteErrors.Translate(e, factory.Path, operation);
        }
        finally
        {
            if (reader is not null)
                Return(reader);
        }
    }

    private void Return(SqliteReader reader)
    {
        if (lifetime.IsClosed)
            reader.Dispose();
        else
        {
            idle.Add(reader);
            // Closed while we were adding: make sure Dispose did not miss this one.
            if (lifetime.IsClosed)
                DisposeIdle();
        }
    }

    public void Dispose() => DisposeIdle();

    private void DisposeIdle()
    {
        while (idle.TryTake(out var reader))
            reader.Dispose();
    }
}
