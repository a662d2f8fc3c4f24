using Akka.Actor;
using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.Persistence;
using Dynamo.TestSupport;

namespace Dynamo.Kv.Tests.Persistence;

/// <summary>
/// The journal on a PostgreSQL server shared by several nodes, each in its own schema. Skipped unless
/// DYNAMO_TEST_POSTGRES holds a connection string.
/// </summary>
public sealed class PostgreSqlJournalTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeFactor.Dilated(TimeSpan.FromSeconds(15));
    private readonly List<string> _schemas = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var schema in _schemas)
            await TestPostgres.DropSchemaAsync(schema);
    }

    [PostgresFact(Timeout = 90_000)]
    public async Task Two_nodes_on_one_server_keep_their_events_apart()
    {
        var (a, b) = (NewNodeId(), NewNodeId());

        await using (var nodeA = await StartAsync(JournalConfig.For(Postgres(), a)))
        await using (var nodeB = await StartAsync(JournalConfig.For(Postgres(), b)))
        {
            // The same persistence id on both nodes, as two replicas of one partition have.
            await PersistAsync(nodeA.System, "vnode-3", "a1", "a2");
            await PersistAsync(nodeB.System, "vnode-3", "b1");
        }

        await using var restartedA = await StartAsync(JournalConfig.For(Postgres(), a));
        await using var restartedB = await StartAsync(JournalConfig.For(Postgres(), b));
        Assert.Equal(["a1", "a2"], await EventsAsync(restartedA.System, "vnode-3"));
        Assert.Equal(["b1"], await EventsAsync(restartedB.System, "vnode-3"));
        Assert.Equal(2L, await TestPostgres.ScalarAsync($"SELECT count(*) FROM \"{SchemaOf(a)}\".journal"));
        Assert.Equal(1L, await TestPostgres.ScalarAsync($"SELECT count(*) FROM \"{SchemaOf(b)}\".journal"));
    }

    [PostgresFact(Timeout = 90_000)]
    public async Task A_configured_schema_is_created_and_holds_the_nodes_tables()
    {
        var schema = $"custom_{Guid.NewGuid():N}";
        _schemas.Add(schema);
        var config = JournalConfig.For(Postgres($"dynamo.persistence.postgresql.schema = {schema}"), NewNodeId());

        Assert.Equal(schema, config.GetString("akka.persistence.journal.sql.default.schema-name"));
        Assert.Equal(schema, config.GetString("akka.persistence.snapshot-store.sql.default.schema-name"));
        Assert.Equal(1L, await TestPostgres.ScalarAsync($"SELECT count(*) FROM information_schema.schemata WHERE schema_name = '{schema}'"));
        await using var node = await StartAsync(config);
        await PersistAsync(node.System, "hints", "h1");

        Assert.Equal(1L, await TestPostgres.ScalarAsync($"SELECT count(*) FROM \"{schema}\".journal WHERE persistence_id = 'hints'"));
    }

    private string NewNodeId()
    {
        // A node id as the cluster has them (host:port), unique to this test so that schemas never collide.
        var id = $"t{Guid.NewGuid():N}:4053";
        _schemas.Add(SchemaOf(id));
        return id;
    }

    private static string SchemaOf(string nodeId) => "dynamo_" + nodeId.Replace(':', '_');

    private static Config Postgres(string extra = "") => ConfigurationFactory.ParseString($"""
        dynamo.persistence.plugin = postgresql
        dynamo.persistence.postgresql.connection-string = "{TestPostgres.ConnectionString}"
        {extra}
        """).WithFallback(DynamoConfig.Reference());

    private static Task<TestNode> StartAsync(Config persistence) => TestNode.StartAsync(persistence, setup: null, Wait);

    private static async Task PersistAsync(ActorSystem system, string persistenceId, params string[] events)
    {
        var actor = system.ActorOf(RecordingActor.Props(persistenceId));
        foreach (var text in events)
            Assert.Equal(new RecordingActor.Persisted(text), await actor.Ask<RecordingActor.Persisted>(text, Wait));
    }

    private static Task<string[]> EventsAsync(ActorSystem system, string persistenceId) =>
        system.ActorOf(RecordingActor.Props(persistenceId)).Ask<string[]>(RecordingActor.Events.Instance, Wait);
}
