using Dynamo.Actors.TestKit;

namespace Dynamo.Actors.Remote.Tests.Actors;

/// <summary>How inbound recipient and sender paths become references, and that remembering them changes no outcome.</summary>
public sealed class InboundResolutionTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly RemoteSystems _systems = new();
    private readonly ActorSystem _a;
    private readonly ActorSystem _b;

    public InboundResolutionTests()
    {
        _a = _systems.Start("alpha");
        _b = _systems.Start("beta");
    }

    public void Dispose() => _systems.Dispose();

    private static InboundRefCache CacheOf(ActorSystem system) => ((RemoteActorRefProvider)system.Provider).InboundCache;

    private IActorRef RemoteRef(IActorRef onB) => _a.Provider.ResolveActorRef(onB.Path.ToSerializationFormat());

    [Fact]
    public void A_sender_seen_again_is_served_one_remembered_reference_that_replies_reach()
    {
        var echo = _b.ActorOf(Props.Create(() => new Echo()), "echo");
        var probe = new TestProbe(_a) { DefaultTimeout = Timeout };
        var remote = RemoteRef(echo);

        for (int i = 0; i < 3; i++)
        {
            remote.Tell($"m{i}", probe.Ref);
            Assert.Equal($"echo:m{i}", probe.ExpectMsg<string>());
        }

        var senderPath = ((RemoteActorRefProvider)_a.Provider).SerializedPathOf(probe.Ref);
        Assert.True(CacheOf(_b).TryGet(senderPath, out var cached));
        var asSeenByB = Assert.IsType<RemoteActorRef>(cached);
        Assert.Equal(probe.Ref.Path, asSeenByB.Path);
        Assert.Equal(probe.Ref.Path.Uid, asSeenByB.Path.Uid);
    }

    [Fact]
    public void A_new_incarnation_at_the_same_path_gets_only_messages_for_it()
    {
        var probe = new TestProbe(_a) { DefaultTimeout = Timeout };
        var first = _b.ActorOf(Props.Create(() => new Echo()), "worker");
        var toFirst = RemoteRef(first);
        for (int i = 0; i < 3; i++)
        {
            toFirst.Tell("first", probe.Ref);
            probe.ExpectMsg("echo:first");
        }
        Assert.True(CacheOf(_b).TryGet(first.Path.ToSerializationFormat(), out _));

        var watcher = new TestProbe(_b) { DefaultTimeout = Timeout };
        watcher.Watch(first);
        _b.Stop(first);
        watcher.ExpectTerminated(first);
        var second = _b.ActorOf(Props.Create(() => new Echo()), "worker");
        Assert.NotEqual(first.Path.Uid, second.Path.Uid);

        toFirst.Tell("to-the-old-one", probe.Ref);
        RemoteRef(second).Tell("to-the-new-one", probe.Ref);

        // In-order delivery: the new incarnation's reply comes after whatever the old path produced, which must be nothing.
        Assert.Equal("echo:to-the-new-one", probe.ExpectMsg<string>());
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void DeathWatch_through_a_remembered_sender_reference_yields_terminated()
    {
        var reports = new TestProbe(_b) { DefaultTimeout = Timeout };
        var watcher = _b.ActorOf(Props.Create(() => new SenderWatcher(reports.Ref)), "watcher");
        var client = _a.ActorOf(Props.Create(() => new Relay(RemoteRef(watcher))), "client");

        for (int i = 0; i < 3; i++) client.Tell("hello", null);
        client.Tell("watch-me", null);
        var watched = reports.ExpectMsg<IActorRef>();
        var clientPath = ((RemoteActorRefProvider)_a.Provider).SerializedPathOf(client);
        Assert.True(CacheOf(_b).TryGet(clientPath, out var cached));
        Assert.Same(cached, watched);

        _a.Stop(client);

        var terminated = reports.ExpectMsg<Terminated>();
        Assert.Equal(client.Path, terminated.ActorRef.Path);
    }

    [Fact]
    public void References_of_a_quarantined_incarnation_are_not_served_from_the_cache()
    {
        var echo = _b.ActorOf(Props.Create(() => new Echo()), "echo");
        var probe = new TestProbe(_a) { DefaultTimeout = Timeout };
        var remote = RemoteRef(echo);
        for (int i = 0; i < 3; i++)
        {
            remote.Tell("ping", probe.Ref);
            probe.ExpectMsg("echo:ping");
        }
        var echoPath = echo.Path.ToSerializationFormat();
        Assert.True(CacheOf(_a).TryGet(echoPath, out _));

        var providerOfB = (RemoteActorRefProvider)_b.Provider;
        ((RemoteActorRefProvider)_a.Provider).Remoting.Quarantine(_b.Address, providerOfB.Remoting.Uid, "test");

        Assert.False(CacheOf(_a).TryGet(echoPath, out _));
    }

    /// <summary>Tells every string it gets to the target, as itself.</summary>
    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef target) => Receive<string>(s => target.Tell(s, Self));
    }

    /// <summary>On "watch-me" watches the sender and reports the reference it watched; reports Terminated.</summary>
    private sealed class SenderWatcher : ReceiveActor
    {
        public SenderWatcher(IActorRef reports)
        {
            Receive<string>(s => s == "watch-me", _ =>
            {
                Context.Watch(Sender);
                reports.Tell(Sender, Self);
            });
            Receive<string>(_ => { });
            Receive<Terminated>(t => reports.Tell(t, Self));
        }
    }
}
