using Dynamo.Storage.GroupCommit;
using Microsoft.Data.Sqlite;

namespace Dynamo.Storage.Sqlite;

/// <summary>
/// The single writer of a node's SQLite file. It runs on its own thread because SQLite's I/O is
/// synchronous: the fsync of a commit then blocks this thread, never a thread-pool thread of the
/// actors. Each loop takes every waiting request and commits them in one transaction.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private const string Upsert = """
        INSERT INTO kv (partition, key, value, length, checksum) VALUES ($partition, $key, $value, $length, $checksum)
        ON CONFLICT (partition, key) DO UPDATE SET value = excluded.value, length = excluded.length, checksum = excluded.checksum
        """;
    private const string DeleteKey = "DELETE FROM kv WHERE partition = $partition AND key = $key";
    private const string DropPartition = "DELETE FROM kv WHERE partition = $partition";
    private const string InsertHint = """
        INSERT INTO hints (owner, partition, key, value, length, checksum) VALUES ($owner, $partition, $key, $value, $length, $checksum)
        RETURNING id
        """;
    private const string DeleteHint = "DELETE FROM hints WHERE id = $id";
    private const string UpsertMetadata = """
        INSERT INTO metadata (name, value, length, checksum) VALUES ($name, $value, $length, $checksum)
        ON CONFLICT (name) DO UPDATE SET value = excluded.value, length = excluded.length, checksum = excluded.checksum
        """;
    private const string DeleteMetadata = "DELETE FROM metadata WHERE name = $name";

    private readonly SqliteConnection connection;
    private readonly WriteQueue queue;
    private readonly string path;
    private readonly SqliteReader statements;
    private readonly Thread thread;
    private long commits;

    public SqliteWriter(SqliteConnection connection, WriteQueue queue, string path)
    {
        this.connection = connection;
        this.queue = queue;
        this.path = path;
        statements = new SqliteReader(connection);
        thread = new Thread(Run) { IsBackground = true, Name = "dynamo-sqlite-writer" };
        thread.Start();
    }

    /// <summary>Waits until every queued write is committed and the loop has ended (after the queue closed).</summary>
    public void Join() => thread.Join();

    /// <summary>Transactions committed so far; fewer than the writes when writes were grouped.</summary>
    public long Commits => Interlocked.Read(ref commits);

    public void Dispose() => statements.Dispose();

    private void Run()
    {
        var batch = new List<WriteRequest>();
        while (WaitForWrites())
        {
            queue.Take(batch);
            if (batch.Count > 0)
                Commit(batch);
            batch.Clear();
        }
    }

    private bool WaitForWrites()
    {
        var waiting = queue.WaitAsync();
        // This is the writer's own thread, so blocking it while idle costs nobody a pool thread.
        return waiting.IsCompleted ? waiting.Result : waiting.AsTask().GetAwaiter().GetResult();
    }

    private void Commit(List<WriteRequest> batch)
    {
        long[] results;
        try
        {
            results = Execute(batch);
        }
        catch (Exception e)
        {
            if (batch.Count == 1)
            {
                batch[0].Fail(SqliteErrors.Translate(e, path, "commit a write"));
                return;
            }
            // One bad request must not fail the others that happened to share its transaction.
            foreach (var request in batch)
                Commit([request]);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
            batch[i].Succeed(results[i]);
    }

    private long[] Execute(List<WriteRequest> batch)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var results = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++)
            results[i] = Execute(batch[i], transaction);
        transaction.Commit();
        Interlocked.Increment(ref commits);
        return results;
    }

    private long Execute(WriteRequest request, SqliteTransaction transaction)
    {
        switch (request)
        {
            case PutWrite put:
                var upsert = Prepare(Upsert, transaction);
                foreach (var entry in put.Entries)
                {
                    Bind(upsert, ("$partition", put.Partition), ("$key", entry.Key), ("$value", entry.Value),
                        ("$length", entry.Value.LongLength), ("$checksum", (long)entry.Checksum));
                    upsert.ExecuteNonQuery();
                }
                return 0;
            case DeleteWrite delete:
                var deleteKey = Prepare(DeleteKey, transaction);
                long deleted = 0;
                foreach (var key in delete.Keys)
                {
                    Bind(deleteKey, ("$partition", delete.Partition), ("$key", key));
                    deleted += deleteKey.ExecuteNonQuery();
                }
                return deleted;
            case DropPartitionWrite drop:
                var dropPartition = Prepare(DropPartition, transaction);
                Bind(dropPartition, ("$partition", drop.Partition));
                return dropPartition.ExecuteNonQuery();
            case AddHintWrite hint:
                var insertHint = Prepare(InsertHint, transaction);
                Bind(insertHint, ("$owner", hint.Owner), ("$partition", hint.Partition), ("$key", hint.Entry.Key),
                    ("$value", hint.Entry.Value), ("$length", hint.Entry.Value.LongLength), ("$checksum", (long)hint.Entry.Checksum));
                return (long)insertHint.ExecuteScalar()!;
            case DeleteHintWrite deleteHint:
                var removeHint = Prepare(DeleteHint, transaction);
                Bind(removeHint, ("$id", deleteHint.Id));
                return removeHint.ExecuteNonQuery();
            case SetMetadataWrite set:
                var upsertMetadata = Prepare(UpsertMetadata, transaction);
                Bind(upsertMetadata, ("$name", set.Name), ("$value", set.Value), ("$length", set.Value.LongLength),
                    ("$checksum", (long)set.Checksum));
                upsertMetadata.ExecuteNonQuery();
                return 0;
            case DeleteMetadataWrite remove:
                var deleteMetadata = Prepare(DeleteMetadata, transaction);
                Bind(deleteMetadata, ("$name", remove.Name));
                return deleteMetadata.ExecuteNonQuery();
            default:
                throw new InvalidOperationException($"The SQLite writer cannot execute {request.GetType().Name}.");
        }
    }

    private SqliteCommand Prepare(string sql, SqliteTransaction transaction)
    {
        var command = statements.Command(sql);
        command.Transaction = transaction;
        return command;
    }

    private static void Bind(SqliteCommand command, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
    }
}
