namespace Dynamo.Client;

/// <summary>How a <see cref="DynamoHttpClient"/> chooses the node each request goes to.</summary>
public sealed record DynamoHttpClientOptions
{
    /// <summary>
    /// Whether each read, write and delete goes straight to the HTTP endpoint of the first reachable node of its key's
    /// preference list (the paper's client-driven coordination), from the ring the client polls from the base address.
    /// Off by default: every request then goes to the base address, which may be a load balancer, or a name from which
    /// the endpoints the nodes advertise to each other cannot be reached. Requests go to the base address too until the
    /// first poll answers, and whenever no node of the ring is reachable.
    /// </summary>
    public bool ClientDrivenCoordination { get; init; }

    /// <summary>How old the client lets its ring grow before it asks for it again (10 s, as the paper's clients poll); must be positive.</summary>
    public TimeSpan RingPollInterval { get; init; } = ClientRing.DefaultPollInterval;
}
