using Microsoft.Data.Sqlite;

namespace Dynamo.Storage.Sqlite;

/// <summary>
/// One read connection and its prepared statements. SQLite keeps a statement compiled for as
/// long as its command lives with the same text, so each connection keeps one command per query.
/// </summary>
internal sealed class SqliteReader(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    /// <summary>The prepared command for <paramref name="sql"/>, with its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in commands.Values)
            command.Dispose();
        connection.Dispose();
    }
}
