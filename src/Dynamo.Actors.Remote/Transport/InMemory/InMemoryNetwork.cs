using System.Collections.Concurrent;

namespace Dynamo.Actors.Remote.Transport.InMemory;

/// <summary>
/// A network inside one process: <see cref="InMemoryTransport"/>s listen on host:port pairs here and connect to
/// each other without sockets. Frames are handed over by reference, in order, on a pump per receiving side.
/// Useful for fast tests of the layers above the transport; combine with the fault-injecting decorator for failures.
/// </summary>
public sealed class InMemoryNetwork
{
    private readonly ConcurrentDictionary<(string Host, int Port), Action<IAssociation>> _listeners = new();
    private int _nextPort = 40000;
    private int _nextClientPort = 50000;

    internal Address Bind(Address requested, Action<IAssociation> onInbound)
    {
        if (requested.Host is null || requested.Port is null)
            throw new ArgumentException($"Cannot listen on '{requested}': it names no host and port.", nameof(requested));
        int port = requested.Port.Value == 0 ? Interlocked.Increment(ref _nextPort) : requested.Port.Value;
        if (!_listeners.TryAdd((requested.Host, port), onInbound))
            throw new InvalidOperationException($"{requested.Host}:{port} is already bound in this in-memory network.");
        return requested with { Port = port };
    }

    internal void Unbind(Address bound) => _listeners.TryRemove((bound.Host!, bound.Port!.Value), out _);

    internal IAssociation Connect(Address local, Address remote)
    {
        if (remote.Host is null || remote.Port is null || !_listeners.TryGetValue((remote.Host, remote.Port.Value), out var listener))
            throw new IOException($"Connection to {remote} refused: nothing listens there.");
        var clientSide = new Address(remote.Protocol, "", local.Host ?? "in-memory", Interlocked.Increment(ref _nextClientPort));
        var (outbound, inbound) = InMemoryAssociation.CreatePair(local, remote, clientSide);
        listener(inbound);
        return outbound;
    }
}
