using Dynamo.Storage.GroupCommit;
using Npgsql;
using NpgsqlTypes;

namespace Dynamo.Storage.PostgreSql;

/// <summary>
/// The single writer loop of a node's PostgreSQL schema. Each turn takes every waiting request,
/// sends them as one batch of statements inside one transaction, and commits once: the server
/// flushes its WAL once for all of them.
/// </summary>
internal sealed class PostgreSqlWriter
{
    private readonly NpgsqlDataSource dataSource;
    private readonly WriteQueue queue;
    private readonly PostgreSqlSchema schema;
    private readonly string location;
    private readonly string upsert;
    private readonly string deleteKeys;
    private readonly string dropPartition;
    private readonly string nextHintIds;
    private readonly string insertHint;
    private readonly string deleteHint;
    private readonly string upsertMetadata;
    private readonly string deleteMetadata;
    private long commits;
    private NpgsqlConnection? connection;

    public PostgreSqlWriter(NpgsqlDataSource dataSource, WriteQueue queue, PostgreSqlSchema schema, string location)
    {
        this.dataSource = dataSource;
        this.queue = queue;
        this.schema = schema;
        this.location = location;
        upsert = $"""
            INSERT INTO {schema.Table("kv")} (partition, key, value, length, checksum)
            SELECT p, k, v, l, c FROM unnest($1::integer[], $2::bytea[], $3::bytea[], $4::integer[], $5::bigint[]) AS t(p, k, v, l, c)
            ON CONFLICT (partition, key) DO UPDATE SET value = EXCLUDED.value, length = EXCLUDED.length, checksum = EXCLUDED.checksum
            """;
        deleteKeys = $"DELETE FROM {schema.Table("kv")} WHERE partition = $1 AND key = ANY($2::bytea[])";
        dropPartition = $"DELETE FROM {schema.Table("kv")} WHERE partition = $1";
        nextHintIds = $"SELECT nextval('{schema.Table("hint_ids")}') FROM generate_series(1, $1)";
        insertHint = $"INSERT INTO {schema.Table("hints")} (id, owner, partition, key, value, length, checksum) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        deleteHint = $"DELETE FROM {schema.Table("hints")} WHERE id = $1";
        upsertMetadata = $"""
            INSERT INTO {schema.Table("metadata")} (name, value, length, checksum) VALUES ($1, $2, $3, $4)
            ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, length = EXCLUDED.length, checksum = EXCLUDED.checksum
            """;
        deleteMetadata = $"DELETE FROM {schema.Table("metadata")} WHERE name = $1";
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Completes once the queue is closed and every queued write was committed or failed.</summary>
    public Task Completion { get; }

    /// <summary>Transactions committed so far; fewer than the writes when writes were grouped.</summary>
    public long Commits => Interlocked.Read(ref commits);

    private async Task RunAsync()
    {
        var batch = new List<WriteRequest>();
        try
        {
            while (await queue.WaitAsync().ConfigureAwait(false))
            {
                queue.Take(batch);
                if (batch.Count > 0)
                    await CommitAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
        finally
        {
            if (connection is not null)
                await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<WriteRequest> batch)
    {
        long[] results;
        try
        {
            results = await ExecuteAsync(batch).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The connection may be broken or mid-transaction: start the next attempt on a fresh one.
            await DropConnectionAsync().ConfigureAwait(false);
            if (batch.Count == 1)
            {
                batch[0].Fail(PostgreSqlErrors.Translate(e, location, "commit a write"));
                return;
            }
            // One bad request must not fail the others that happened to share its transaction.
            foreach (var request in batch)
                await CommitAsync([request]).ConfigureAwait(false);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
            batch[i].Succeed(results[i]);
    }

    private async Task<long[]> ExecuteAsync(List<WriteRequest> requests)
    {
        // The writer keeps one connection of its own: taking one from the pool per commit
        // would cost a session reset round trip each time.
        connection ??= await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var hintIds = await NextHintIdsAsync(connection, requests.Count(r => r is AddHintWrite)).ConfigureAwait(false);
        var results = new long[requests.Count];
        var commandOf = new int[requests.Count];
        await using var batch = new NpgsqlBatch(connection, transaction);
        var puts = new List<(int Partition, EncodedEntry Entry)>();
        var next = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i] is PutWrite put)
            {
                // Consecutive puts become one statement; the queue order is kept because any
                // other request first flushes the puts before it.
                puts.AddRange(put.Entries.Select(e => (put.Partition, e)));
                continue;
            }
            FlushPuts(batch, puts);
            if (requests[i] is AddHintWrite)
                results[i] = hintIds[next++];
            commandOf[i] = batch.BatchCommands.Count;
            batch.BatchCommands.Add(Command(requests[i], results[i]));
        }
        FlushPuts(batch, puts);
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i] is DeleteWrite or DropPartitionWrite or DeleteHintWrite or DeleteMetadataWrite)
                results[i] = batch.BatchCommands[commandOf[i]].RecordsAffected;
        }
        await transaction.CommitAsync().ConfigureAwait(false);
        Interlocked.Increment(ref commits);
        return results;
    }

    private void FlushPuts(NpgsqlBatch batch, List<(int Partition, EncodedEntry Entry)> puts)
    {
        if (puts.Count == 0)
            return;
        // One statement may not upsert a row twice: a later write of the same key replaces the earlier.
        var latest = new Dictionary<(int, string), int>();
        var rows = new List<(int Partition, EncodedEntry Entry)>(puts.Count);
        foreach (var put in puts)
        {
            var identity = (put.Partition, Convert.ToBase64String(put.Entry.Key));
            if (latest.TryGetValue(identity, out var row))
                rows[row] = put;
            else
            {
                latest.Add(identity, rows.Count);
                rows.Add(put);
            }
        }
        batch.BatchCommands.Add(Statement(upsert,
            Array(rows.Select(r => r.Partition).ToArray(), NpgsqlDbType.Integer),
            Array(rows.Select(r => r.Entry.Key).ToArray(), NpgsqlDbType.Bytea),
            Array(rows.Select(r => r.Entry.Value).ToArray(), NpgsqlDbType.Bytea),
            Array(rows.Select(r => r.Entry.Value.Length).ToArray(), NpgsqlDbType.Integer),
            Array(rows.Select(r => (long)r.Entry.Checksum).ToArray(), NpgsqlDbType.Bigint)));
        puts.Clear();
    }

    private async Task DropConnectionAsync()
    {
        if (connection is null)
            return;
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or ObjectDisposedException)
        {
            // Already broken; the next commit opens a new connection.
        }
        connection = null;
    }

    private async Task<long[]> NextHintIdsAsync(NpgsqlConnection connection, int count)
    {
        if (count == 0)
            return [];
        await using var command = new NpgsqlCommand(nextHintIds, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        var ids = new long[count];
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        for (var i = 0; await reader.ReadAsync().ConfigureAwait(false); i++)
            ids[i] = reader.GetInt64(0);
        return ids;
    }

    private NpgsqlBatchCommand Command(WriteRequest request, long hintId)
    {
        switch (request)
        {
            case DeleteWrite delete:
                return Statement(deleteKeys, Value(delete.Partition), Array(delete.Keys, NpgsqlDbType.Bytea));
            case DropPartitionWrite drop:
                return Statement(dropPartition, Value(drop.Partition));
            case AddHintWrite hint:
                return Statement(insertHint, Value(hintId), Value(hint.Owner), Value(hint.Partition), Value(hint.Entry.Key),
                    Value(hint.Entry.Value), Value(hint.Entry.Value.Length), Value((long)hint.Entry.Checksum));
            case DeleteHintWrite remove:
                return Statement(deleteHint, Value(remove.Id));
            case SetMetadataWrite set:
                return Statement(upsertMetadata, Value(set.Name), Value(set.Value), Value(set.Value.Length), Value((long)set.Checksum));
            case DeleteMetadataWrite remove:
                return Statement(deleteMetadata, Value(remove.Name));
            default:
                throw new InvalidOperationException($"The PostgreSQL writer of schema {schema.Name} cannot execute {request.GetType().Name}.");
        }
    }

    private static NpgsqlBatchCommand Statement(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
