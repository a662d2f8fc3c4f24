using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Dynamo.TestSupport;

namespace Dynamo.Kv.Tests.Persistence;

/// <summary>An actor system standing for one node's persistence; disposing it terminates the system.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    private TestNode(ActorSystem system) => System = system;

    /// <summary>The node's actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>
    /// Starts an actor system on <paramref name="persistence"/> over the test settings, with <paramref name="setup"/>
    /// when there is one, and its default journal, so that a misconfigured plugin fails here rather than at a
    /// test's first persist.
    /// </summary>
    public static async Task<TestNode> StartAsync(Config persistence, Setup? setup, TimeSpan wait)
    {
        var bootstrap = BootstrapSetup.Create().WithConfig(persistence.WithFallback(TestConfig.Akka));
        var system = ActorSystem.Create("journal", setup is null ? ActorSystemSetup.Create(bootstrap) : ActorSystemSetup.Create(bootstrap, setup));
        await Task.Run(() => Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null)).WaitAsync(wait);
        return new TestNode(system);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
}
