namespace Dynamo.Kv.Handoff;

/// <summary>Where an ownership transfer stands, as <c>riak-admin transfers</c> would show it.</summary>
public enum TransferState
{
    /// <summary>Waiting for the receiver to accept (or for the retry interval after a failure).</summary>
    Starting,

    /// <summary>Streaming batches.</summary>
    Sending,

    /// <summary>Every object sent; waiting for the receiver's confirmation of the whole partition.</summary>
    Finishing,

    /// <summary>The receiver confirmed and the old owner deleted its copy.</summary>
    Completed,

    /// <summary>The receiver failed verification (it is this node); nothing was deleted and the transfer is not retried.</summary>
    Refused,
}
