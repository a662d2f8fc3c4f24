using Npgsql;

namespace Dynamo.Kv.Tests.Persistence;

/// <summary>The PostgreSQL server the tests may use, named by the DYNAMO_TEST_POSTGRES variable, as in the storage tests.</summary>
internal static class TestPostgres
{
    /// <summary>The environment variable holding an Npgsql connection string.</summary>
    public const string Variable = "DYNAMO_TEST_POSTGRES";

    /// <summary>The connection string, or null when no server is configured.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Why PostgreSQL tests are skipped, or null when they can run.</summary>
    public static string? SkipReason => ConnectionString is null
        ? $"No PostgreSQL server configured: set {Variable} to a connection string (see .ci/postgres.sh)."
        : null;

    /// <summary>Runs a query on the test server, outside the plugin, and returns its first value.</summary>
    public static async Task<object?> ScalarAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString!);
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Drops a test schema and everything in it.</summary>
    public static Task DropSchemaAsync(string schema) => ScalarAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
}
