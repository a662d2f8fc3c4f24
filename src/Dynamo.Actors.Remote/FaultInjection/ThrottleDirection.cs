namespace Dynamo.Actors.Remote.FaultInjection;

/// <summary>Which way between a node and a peer a fault applies, as in Akka's ThrottleTransportAdapter.</summary>
public enum ThrottleDirection
{
    /// <summary>Frames the node sends to the peer.</summary>
    Send,
    /// <summary>Frames the node receives from the peer.</summary>
    Receive,
    /// <summary>Both ways.</summary>
    Both,
}
