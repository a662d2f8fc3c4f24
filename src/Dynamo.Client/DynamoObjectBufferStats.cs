namespace Dynamo.Client;

/// <summary>The <c>objectBuffer</c> section of <c>GET /stats</c>: what this node's replicas did with the object buffer since it started.</summary>
/// <param name="BufferedAcks">Writes acknowledged once in memory and handed to storage, before they were durable.</param>
/// <param name="DurableAcks">Writes acknowledged once durable.</param>
/// <param name="FailedAfterAck">Buffered writes whose storage write failed after they were acknowledged.</param>
/// <param name="BufferReads">Replica reads answered from the in-memory buffer.</param>
public sealed record DynamoObjectBufferStats(long BufferedAcks, long DurableAcks, long FailedAfterAck, long BufferReads);
