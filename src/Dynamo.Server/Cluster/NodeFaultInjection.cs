using System.Collections.Immutable;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Remote;
using Akka.Remote.Transport;

namespace Dynamo.Server.Cluster;

/// <summary>
/// Network faults of one node, for tests of real processes: with <c>dynamo.node.fault-injection = on</c>
/// the node's TCP transport runs Akka.Remote's throttler adapter (<c>trttl</c>), and <c>POST /debug/faults</c>
/// blackholes or heals its links to named peers through the throttler's <see cref="SetThrottle"/> command.
/// </summary>
/// <remarks>
/// The throttler acts on this node's association with a peer, whoever opened it, and in both directions, so
/// blackholing on one side already cuts the link; a partition is still set on both sides, so that healing one
/// side alone does not end it. The adapter shows in every address (<c>akka.trttl.tcp://...</c>), so every
/// node of such a cluster runs with fault injection on.
/// </remarks>
public sealed class NodeFaultInjection
{
    /// <summary>The configuration key that turns fault injection on; off by default.</summary>
    public const string ConfigKey = "dynamo.node.fault-injection";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ImmutableSortedSet<Address> _blackholed = ImmutableSortedSet.Create<Address>(AddressOrder.Instance);
    private Address? _self;
    private Func<SetThrottle, Task<bool>>? _throttle;

    /// <summary>Fault injection with every link healthy, for a node whose actor system is named <paramref name="systemName"/>.</summary>
    public NodeFaultInjection(string systemName)
    {
        ArgumentException.ThrowIfNullOrEmpty(systemName);
        SystemName = systemName;
    }

    /// <summary>The actor system name peers are addressed with.</summary>
    public string SystemName { get; }

    /// <summary>The peers whose links are blackholed now, in address order.</summary>
    public IReadOnlyList<Address> Blackholed => [.. Volatile.Read(ref _blackholed)];

    /// <summary>True when <c>dynamo.node.fault-injection</c> is on in <paramref name="config"/>.</summary>
    public static bool IsEnabled(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.GetBoolean(ConfigKey, @default: false);
    }

    /// <summary>
    /// <paramref name="config"/> with the throttler adapter applied to the TCP transport when fault injection
    /// is on; unchanged otherwise.
    /// </summary>
    public static Config Configure(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return IsEnabled(config)
            ? ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.applied-adapters = [trttl]").WithFallback(config)
            : config;
    }

    /// <summary>Controls the throttler of <paramref name="system"/>'s remoting; faults can be set only after.</summary>
    public void Attach(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var provider = (IRemoteActorRefProvider)((ExtendedActorSystem)system).Provider;
        Attach(provider.DefaultAddress, command => provider.Transport.ManagementCommand(command));
    }

    /// <summary>
    /// Names this node's own address and where throttle commands go (the remoting transport's management
    /// command); faults can be set only after.
    /// </summary>
    public void Attach(Address self, Func<SetThrottle, Task<bool>> throttle)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(throttle);
        _gate.Wait();
        try
        {
            _self = self;
            _throttle = throttle;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>True when the link to <paramref name="peer"/> is blackholed now.</summary>
    public bool IsBlackholed(Address peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return Volatile.Read(ref _blackholed).Contains(peer);
    }

    /// <summary>Loses every message between this node and each of <paramref name="peers"/>, both ways.</summary>
    /// <exception cref="InvalidOperationException">Remoting is not attached yet, or the transport refused the command.</exception>
    public async Task BlackholeAsync(IEnumerable<Address> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var throttle = _throttle ?? throw new InvalidOperationException("the node's remoting has not started yet");
            foreach (var peer in peers)
            {
                await Command(throttle, peer, Blackhole.Instance).ConfigureAwait(false);
                Volatile.Write(ref _blackholed, _blackholed.Add(peer));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Heals every link this node blackholed.</summary>
    /// <exception cref="InvalidOperationException">The transport refused the command.</exception>
    public async Task HealAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_throttle is not { } throttle) return;
            foreach (var peer in _blackholed)
            {
                await Command(throttle, peer, Unthrottled.Instance).ConfigureAwait(false);
                Volatile.Write(ref _blackholed, _blackholed.Remove(peer));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Reads a peer given as <c>host:port</c> (a node id, addressed with this node's scheme) or as a member
    /// address (<c>akka.tcp://system@host:port</c>); false with the problem named otherwise.
    /// </summary>
    public bool TryParsePeer(string text, out Address peer, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        peer = null!;
        problem = "";
        var scheme = Volatile.Read(ref _self)?.Protocol ?? "akka.tcp";
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Address.TryParse(text, out var parsed) || !parsed.HasGlobalScope)
            {
                problem = $"'{text}' is not a member address (expected {scheme}://{SystemName}@host:port)";
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
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            problem = $"'{text}' is neither host:port nor a member address";
            return false;
        }
        peer = new Address(scheme, SystemName, text[..colon], port);
        return true;
    }

    // The throttler keys its links by host and port, so a peer given with another scheme still matches.
    private static async Task Command(Func<SetThrottle, Task<bool>> throttle, Address peer, ThrottleMode mode)
    {
        if (!await throttle(new SetThrottle(peer, ThrottleTransportAdapter.Direction.Both, mode)).ConfigureAwait(false))
            throw new InvalidOperationException($"the remoting transport refused to throttle the link to {peer}");
    }

    private sealed class AddressOrder : IComparer<Address>
    {
        public static readonly AddressOrder Instance = new();

        public int Compare(Address? x, Address? y) => StringComparer.Ordinal.Compare(x?.ToString(), y?.ToString());
    }
}
