using System.Collections.Immutable;
using Dynamo.Actors;
using Dynamo.Actors.Configuration;
using Dynamo.Actors.Remote;
using Dynamo.Actors.Remote.FaultInjection;
using Dynamo.Actors.Remote.Transport;
using Dynamo.Actors.Remote.Transport.Tcp;

namespace Dynamo.Server.Cluster;

/// <summary>
/// The fault plan of one node's transport, for tests of real processes: with
/// <c>dynamo.node.fault-injection = on</c> the node's TCP transport is wrapped in a
/// <see cref="FaultInjectingTransport"/>, and <c>POST /debug/faults</c> blackholes or heals its links.
/// </summary>
/// <remarks>
/// The transport applies a plan only to the connections this node opened, so a partition between two
/// nodes is set on both of them (each side then loses the frames of the connections it opened, both ways).
/// </remarks>
public sealed class NodeFaultInjection
{
    /// <summary>The configuration key that turns fault injection on; off by default.</summary>
    public const string ConfigKey = "dynamo.node.fault-injection";

    private readonly NetworkFaults _faults = new(seed: 0);
    private readonly object _gate = new();
    private ImmutableSortedSet<Address> _blackholed = ImmutableSortedSet<Address>.Empty;
    private Address? _self;

    /// <summary>A fault plan with every link healthy, for a node whose actor system is named <paramref name="systemName"/>.</summary>
    public NodeFaultInjection(string systemName)
    {
        ArgumentException.ThrowIfNullOrEmpty(systemName);
        SystemName = systemName;
    }

    /// <summary>The actor system name peers are addressed with.</summary>
    public string SystemName { get; }

    /// <summary>The peers whose links are blackholed now, in address order.</summary>
    public IReadOnlyList<Address> Blackholed
    {
        get { lock (_gate) return [.. _blackholed]; }
    }

    /// <summary>True when <c>dynamo.node.fault-injection</c> is on in <paramref name="config"/>.</summary>
    public static bool IsEnabled(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.GetBoolean(ConfigKey, @default: false);
    }

    /// <summary>Builds the node's transport: TCP wrapped in the fault plan. Pass it as the remoting transport factory.</summary>
    /// <param name="log">Where the TCP transport logs (as remoting would have it log).</param>
    public Func<RemoteSettings, ITransport> Transport(Action<RemoteLogEntry>? log = null) =>
        settings => new FaultInjectingTransport(new TcpTransport(settings, log), _faults);

    /// <summary>Names this node's own address, known once remoting listens; faults can be set only after.</summary>
    public void Attach(Address self)
    {
        ArgumentNullException.ThrowIfNull(self);
        lock (_gate) _self = self;
    }

    /// <summary>Loses every frame between this node and each of <paramref name="peers"/>, both ways, on the connections this node opens.</summary>
    /// <exception cref="InvalidOperationException">The node's address is not attached yet.</exception>
    public void Blackhole(IEnumerable<Address> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        lock (_gate)
        {
            var self = _self ?? throw new InvalidOperationException("the node's remoting has not started yet");
            foreach (var peer in peers)
            {
                _faults.Blackhole(self, peer);
                _blackholed = _blackholed.Add(peer);
            }
        }
    }

    /// <summary>The fault on the link from this node to <paramref name="peer"/> (none before the node's address is attached).</summary>
    public LinkFault LinkTo(Address peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_gate) return _self is null ? LinkFault.None : _faults.For(_self, peer);
    }

    /// <summary>Heals every link of this node.</summary>
    public void Heal()
    {
        lock (_gate)
        {
            _faults.HealAll();
            _blackholed = ImmutableSortedSet<Address>.Empty;
        }
    }

    /// <summary>
    /// Reads a peer given as <c>host:port</c> (a node id) or as a member address
    /// (<c>dynamo.tcp://system@host:port</c>); false with the problem named otherwise.
    /// </summary>
    public bool TryParsePeer(string text, out Address peer, out string problem)
    {
        peer = null!;
        problem = "";
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Address.TryParse(text, out var parsed) || !parsed.HasGlobalScope || parsed.Protocol != Address.TcpProtocol)
            {
                problem = $"'{text}' is not a member address (expected {Address.TcpProtocol}://{SystemName}@host:port)";
                return false;
            }
            if (parsed.System != SystemName)
            {
                problem = $"'{text}' names actor system '{parsed.System}', but this cluster's members run '{SystemName}'";
                return false;
            }
            peer = parsed;
            return true;
        }
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            problem = $"'{text}' is neither host:port nor a member address";
            return false;
        }
        peer = new Address(Address.TcpProtocol, SystemName, text[..colon], port);
        return true;
    }
}
