using System.Text.RegularExpressions;
using Dynamo.Storage.GroupCommit;
using Npgsql;

namespace Dynamo.Storage.PostgreSql;

/// <summary>
/// Storage in a PostgreSQL database for production: each node's partitions, hints and metadata
/// live in one schema of its own, so several nodes can share a database. Connections come from
/// a pooled <see cref="NpgsqlDataSource"/>; writes are group-committed by one writer loop.
/// </summary>
public sealed partial class PostgreSqlStoragePlugin : IStoragePlugin
{
    private readonly PluginLifetime lifetime;
    private readonly NpgsqlDataSource dataSource;
    private readonly WriteQueue queue;
    private readonly PostgreSqlWriter writer;

    private PostgreSqlStoragePlugin(NpgsqlDataSource dataSource, PostgreSqlSchema schema, string location, GroupCommitSettings groupCommit)
    {
        this.dataSource = dataSource;
        Schema = schema.Name;
        lifetime = new PluginLifetime($"postgresql:{location}");
        queue = new WriteQueue(groupCommit, lifetime.StoreName);
        writer = new PostgreSqlWriter(dataSource, queue, schema, location);
        var reads = new PostgreSqlReads(dataSource, lifetime, location);
        KeyValues = new PostgreSqlKeyValueStore(reads, queue, lifetime, schema);
        Hints = new PostgreSqlHintStore(reads, queue, lifetime, schema);
        Metadata = new PostgreSqlMetadataStore(reads, queue, lifetime, schema);
    }

    /// <summary>The schema holding this node's tables.</summary>
    public string Schema { get; }

    /// <inheritdoc />
    public string Name => StoragePlugins.PostgreSql;

    /// <inheritdoc />
    public IKeyValueStore KeyValues { get; }

    /// <inheritdoc />
    public IHintStore Hints { get; }

    /// <inheritdoc />
    public IMetadataStore Metadata { get; }

    /// <summary>Transactions the writer committed, for tests that check writes were grouped.</summary>
    internal long Commits => writer.Commits;

    /// <summary>
    /// Connects, then creates the node's schema and tables when missing or checks that the
    /// existing ones are of a version this build supports.
    /// </summary>
    /// <param name="settings">The PostgreSQL settings; an empty schema name is derived from <paramref name="nodeId"/>.</param>
    /// <param name="nodeId">The node's id, naming its schema when none is configured.</param>
    /// <param name="groupCommit">Limits of the group commit.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="StorageUnavailableException">The server cannot be reached or refuses the login.</exception>
    /// <exception cref="StorageSchemaVersionException">The schema was written by a newer release.</exception>
    public static async Task<PostgreSqlStoragePlugin> OpenAsync(PostgreSqlSettings settings, string nodeId, GroupCommitSettings groupCommit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(groupCommit);
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
            throw new ArgumentException("The PostgreSQL plugin needs a connection string (dynamo.persistence.postgresql.connection-string).", nameof(settings));
        var schema = new PostgreSqlSchema(SchemaName(settings.Schema, nodeId));
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
            {
                CommandTimeout = (int)Math.Ceiling(settings.CommandTimeout.TotalSeconds),
            };
            // The plugin runs the same few statements over and over: let Npgsql prepare them
            // (unless the connection string chose otherwise), saving a parse and plan per write.
            if (builder.MaxAutoPrepare == 0)
                builder.MaxAutoPrepare = 32;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The PostgreSQL connection string is invalid: {e.Message}", nameof(settings), e);
        }
        var location = $"{builder.Host}:{builder.Port}/{builder.Database} schema \"{schema.Name}\"";
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            await schema.EnsureAsync(dataSource, cancellationToken).ConfigureAwait(false);
            return new PostgreSqlStoragePlugin(dataSource, schema, location, groupCommit);
        }
        catch (Exception e)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw PostgreSqlErrors.Translate(e, location, "open the store");
        }
    }

    /// <summary>Stops taking writes, commits those already queued, then closes the connection pool.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!lifetime.TryClose())
            return;
        queue.Close();
        await writer.Completion.ConfigureAwait(false);
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static string SchemaName(string configured, string nodeId)
    {
        var name = configured.Length > 0 ? configured : "dynamo_" + InvalidSchemaCharacters().Replace(nodeId.ToLowerInvariant(), "_");
        if (!ValidSchemaName().IsMatch(name))
            throw new ArgumentException(
                $"'{name}' is not a valid schema name: use 1 to 63 lower-case letters, digits or underscores, not starting with a digit.", nameof(configured));
        return name;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex ValidSchemaName();

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex InvalidSchemaCharacters();
}
