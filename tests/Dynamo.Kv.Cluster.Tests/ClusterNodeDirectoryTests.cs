using Akka.Actor;
using Akka.Configuration;
using Dynamo.Kv.Membership;
using Dynamo.Kv.Routing;
using Dynamo.TestSupport;

namespace Dynamo.Kv.Cluster.Tests;

public sealed class ClusterNodeDirectoryTests : IAsyncLifetime
{
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create(KvNodes.SystemName, ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.loglevel = ERROR
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """).WithFallback(TestConfig.Akka));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public void Another_node_is_reached_through_cached_selections_of_the_well_known_paths()
    {
        var directory = new ClusterNodeDirectory(_system);
        var router = Assert.IsType<ActorSelection>(directory.RouterOf("127.0.0.1:4999"));
        Assert.Equal($"akka.tcp://{KvNodes.SystemName}@127.0.0.1:4999{KvPaths.Router}", router.Anchor.Path.Address + router.PathString);
        var vnode = Assert.IsType<ActorSelection>(directory.VNodeOf("127.0.0.1:4999", 7));
        Assert.Equal($"akka.tcp://{KvNodes.SystemName}@127.0.0.1:4999{KvPaths.VNode(7)}", vnode.Anchor.Path.Address + vnode.PathString);
        Assert.Same(router, directory.RouterOf("127.0.0.1:4999"));
        Assert.Same(vnode, directory.VNodeOf("127.0.0.1:4999", 7));
    }

    [Fact]
    public void This_node_is_reached_through_local_selections_that_survive_vnode_restarts()
    {
        var directory = new ClusterNodeDirectory(_system);
        Assert.Equal(NodeIdentity.NodeIdOf(((ExtendedActorSystem)_system).Provider.DefaultAddress), directory.SelfNodeId);
        Assert.IsType<ActorSelection>(directory.RouterOf(directory.SelfNodeId));
        Assert.IsType<ActorSelection>(directory.VNodeOf(directory.SelfNodeId, 3));
    }

    [Fact]
    public void An_id_that_is_not_host_and_port_is_an_unknown_node()
    {
        var directory = new ClusterNodeDirectory(_system);
        Assert.Null(directory.RouterOf("node-a"));
        Assert.Null(directory.VNodeOf("node-a", 0));
        Assert.Null(directory.ReplicaInboxOf("node-a"));
    }

    [Fact]
    public void Batches_go_to_another_nodes_replica_inbox_by_a_cached_reference_and_never_to_this_node()
    {
        var directory = new ClusterNodeDirectory(_system);
        var inbox = Assert.IsAssignableFrom<IActorRef>(directory.ReplicaInboxOf("127.0.0.1:4999"));
        Assert.Equal($"akka.tcp://{KvNodes.SystemName}@127.0.0.1:4999{KvPaths.ReplicaInbox}", inbox.Path.ToString());
        Assert.Same(inbox, directory.ReplicaInboxOf("127.0.0.1:4999"));
        Assert.Null(directory.ReplicaInboxOf(directory.SelfNodeId));
    }
}
