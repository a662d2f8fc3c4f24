using Npgsql;

namespace Dynamo.Storage.PostgreSql;

/// <summary>Runs one read query on a pooled connection and translates its failures.</summary>
internal sealed class PostgreSqlReads(NpgsqlDataSource dataSource, PluginLifetime lifetime, string location)
{
    /// <summary>Where the data lives, for messages: server, database and schema.</summary>
    public string Where => location;

    public string Location(int partition, ReadOnlySpan<byte> key) => $"{location} partition {partition} key {KeyText.Format(key)}";

    public async Task<T> QueryAsync<T>(string operation, string sql, object[] parameters, Func<NpgsqlDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        lifetime.ThrowIfClosed();
        try
        {
            await using var command = dataSource.CreateCommand(sql);
            foreach (var parameter in parameters)
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await read(reader).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw PostgreSqlErrors.Translate(e, location, operation);
        }
    }
}
