namespace Dynamo.Kv.VNodes;

/// <summary>A replica's answer to an <see cref="IReplicaRequest"/>, carrying the request's id back.</summary>
public interface IReplicaReply
{
    /// <summary>The <see cref="IReplicaRequest.RequestId"/> of the request answered.</summary>
    long RequestId { get; }

    /// <summary>The answering replica's partition index.</summary>
    int Partition { get; }
}
