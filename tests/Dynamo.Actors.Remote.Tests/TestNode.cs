using System.Collections.Concurrent;
using Dynamo.Actors.Remote.Events;
using Dynamo.Actors.Remote.Serialization;
using Dynamo.Actors.Remote.Transport;
using Dynamo.Actors.Remote.Transport.Tcp;

namespace Dynamo.Actors.Remote.Tests;

/// <summary>One actor system's remoting on loopback, recording what it receives, the events it raises and its log.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private TestNode(Remoting remoting, ConcurrentQueue<RemoteLogEntry> logs, ConcurrentQueue<InboundEnvelope> received)
    {
        Remoting = remoting;
        Logs = logs;
        Received = received;
    }

    public static RemoteSettings DefaultSettings { get; } = new()
    {
        Hostname = "127.0.0.1",
        Cookie = "test-cookie",
        BackoffMin = TimeSpan.FromMilliseconds(50),
        BackoffMax = TimeSpan.FromMilliseconds(400),
        HandshakeTimeout = TimeSpan.FromSeconds(5),
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        IdleTimeout = TimeSpan.FromSeconds(10),
    };

    public Remoting Remoting { get; }

    public Address Address => Remoting.LocalAddress;

    public ConcurrentQueue<InboundEnvelope> Received { get; }

    public ConcurrentQueue<AssociationEvent> Events { get; } = new();

    public ConcurrentQueue<RemoteLogEntry> Logs { get; }

    public static async Task<TestNode> StartAsync(string system, RemoteSettings? settings = null,
        Func<ITransport, ITransport>? decorate = null, SerializerRegistry? serializers = null, Func<ITransport>? transport = null)
    {
        settings ??= DefaultSettings;
        var logs = new ConcurrentQueue<RemoteLogEntry>();
        var received = new ConcurrentQueue<InboundEnvelope>();
        var chosen = transport?.Invoke() ?? new TcpTransport(settings, logs.Enqueue);
        return await StartOnAsync(system, settings, decorate is null ? chosen : decorate(chosen), serializers, logs, received);
    }

    private static async Task<TestNode> StartOnAsync(string system, RemoteSettings settings, ITransport transport,
        SerializerRegistry? serializers, ConcurrentQueue<RemoteLogEntry> logs, ConcurrentQueue<InboundEnvelope> received)
    {
        var remoting = new Remoting(system, settings, transport, serializers ?? SerializerRegistry.CreateDefault(),
            received.Enqueue, logs.Enqueue);
        var node = new TestNode(remoting, logs, received);
        remoting.AssociationEvents += node.Events.Enqueue;
        await remoting.StartAsync();
        return node;
    }

    public IEnumerable<string> ReceivedStrings => Received.Select(e => e.Message).OfType<string>();

    public bool Logged(RemoteLogLevel level, string fragment) =>
        Logs.Any(l => l.Level == level && l.Message.Contains(fragment, StringComparison.Ordinal));

    public ValueTask DisposeAsync() => Remoting.DisposeAsync();
}
