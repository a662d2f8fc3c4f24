using Dynamo.Actors.Remote.Events;
using Dynamo.Actors.Remote.FaultInjection;
using Dynamo.Actors.Remote.Transport.InMemory;

namespace Dynamo.Actors.Remote.Tests;

public class InMemoryTransportTests
{
    private readonly InMemoryNetwork _network = new();

    private Task<TestNode> Node(string name, RemoteSettings? settings = null, NetworkFaults? faults = null) =>
        TestNode.StartAsync(name, settings, transport: () => faults is null
            ? new InMemoryTransport(_network)
            : new FaultInjectingTransport(new InMemoryTransport(_network), faults));

    [Fact(Timeout = 30_000)]
    public async Task Remoting_runs_unchanged_over_the_in_memory_network()
    {
        await using var a = await Node("a");
        await using var b = await Node("b");

        for (int i = 0; i < 1000; i++) a.Remoting.Send(b.Address, "/user/x", null, BitConverter.GetBytes(i));
        b.Remoting.Send(a.Address, "/user/y", null, "reply");

        await Eventually.True(() => b.Received.Count == 1000 && a.ReceivedStrings.Contains("reply"), "envelopes crossed both ways");
        Assert.Equal(Enumerable.Range(0, 1000), b.Received.Select(e => BitConverter.ToInt32((byte[])e.Message)));
        Assert.Single(a.Events.OfType<AssociationEstablished>());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_restart_on_the_same_in_memory_port_is_a_new_incarnation()
    {
        await using var a = await Node("a");
        var first = await Node("b");
        var address = first.Address;
        a.Remoting.Send(address, "/user/x", null, "one");
        await Eventually.True(() => first.Received.Count == 1, "the first incarnation heard a");
        await first.DisposeAsync();

        await using var second = await Node("b", TestNode.DefaultSettings with { Port = address.Port!.Value });
        await Eventually.True(() => a.Events.OfType<AssociationLost>().Any(), "a saw the first incarnation go");
        a.Remoting.Send(address, "/user/x", null, "two");

        await Eventually.True(() => second.ReceivedStrings.Contains("two"), "the second incarnation heard a");
        Assert.Equal(new IncarnationChanged(address, first.Remoting.Uid, second.Remoting.Uid), Assert.Single(a.Events.OfType<IncarnationChanged>()));
    }

    [Fact(Timeout = 30_000)]
    public async Task Fault_injection_partitions_the_in_memory_network_too()
    {
        var faults = new NetworkFaults(seed: 1);
        await using var a = await Node("a", faults: faults);
        await using var b = await Node("b", faults: faults);
        a.Remoting.Send(b.Address, "/user/x", null, "before");
        await Eventually.True(() => b.ReceivedStrings.Contains("before"), "b heard a");

        faults.Partition([a.Address], [b.Address]);
        a.Remoting.Send(b.Address, "/user/x", null, "during");
        await Eventually.Never(() => b.ReceivedStrings.Contains("during"), "a frame crossed the partition", TimeSpan.FromMilliseconds(300));
        faults.HealAll();
        a.Remoting.Send(b.Address, "/user/x", null, "after");

        await Eventually.True(() => b.ReceivedStrings.Contains("after"), "b heard a after healing");
    }

    [Fact(Timeout = 30_000)]
    public async Task Connecting_to_an_unbound_address_fails_and_is_retried_with_backoff()
    {
        await using var a = await Node("a");
        var nowhere = new Address(Address.TcpProtocol, "ghost", "127.0.0.1", 1);

        a.Remoting.Send(nowhere, "/user/x", null, "anyone?");

        await Eventually.True(() => a.Events.OfType<AssociationFailed>().Count() >= 2, "a retried");
        Assert.Contains("nothing listens", a.Events.OfType<AssociationFailed>().First().Reason);
    }
}
