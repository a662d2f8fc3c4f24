// Writes to a store as fast as it can and prints the key of every acknowledged write, flushed,
// one per line, until it is killed. The crash test kills it with SIGKILL at a random moment and
// then checks that every printed key is in the store.
//
//   dotnet Dynamo.Storage.CrashWriter.dll sqlite <data directory>
//   dotnet Dynamo.Storage.CrashWriter.dll postgresql <connection string> <schema>
using Dynamo.Storage;
using Dynamo.Storage.CrashWriter;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: CrashWriter sqlite <data directory> | postgresql <connection string> <schema>");
    return 2;
}

var settings = args[0] switch
{
    StoragePlugins.Sqlite => new StorageSettings
    {
        Plugin = StoragePlugins.Sqlite,
        Sqlite = new SqliteSettings { DataDirectory = args[1], Synchronous = SynchronousMode.Full },
    },
    StoragePlugins.PostgreSql when args.Length >= 3 => new StorageSettings
    {
        Plugin = StoragePlugins.PostgreSql,
        PostgreSql = new PostgreSqlSettings { ConnectionString = args[1], Schema = args[2] },
    },
    _ => null,
};
if (settings is null)
{
    Console.Error.WriteLine($"unknown plugin '{args[0]}'");
    return 2;
}

await using var plugin = await StoragePlugins.CreateAsync(settings);
var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
var gate = new Lock();
var writers = Enumerable.Range(0, CrashWorkload.Writers).Select(writer => Task.Run(async () =>
{
    for (var sequence = 0; ; sequence++)
    {
        var key = CrashWorkload.Key(writer, sequence);
        await plugin.KeyValues.PutAsync(CrashWorkload.Partition(writer), [new KeyValueEntry(key, CrashWorkload.Value(key))]);
        lock (gate)
            output.Write(CrashWorkload.Line(writer, sequence));
    }
}));
await Task.WhenAll(writers);
return 0;
