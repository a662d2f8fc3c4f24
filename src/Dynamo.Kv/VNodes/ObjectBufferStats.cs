namespace Dynamo.Kv.VNodes;

/// <summary>What a node's vnodes did with the object buffer since the node started; the answer to <see cref="GetObjectBufferStats"/>.</summary>
/// <param name="BufferedAcks">Writes acknowledged once in memory and handed to storage, before they were durable.</param>
/// <param name="DurableAcks">Writes acknowledged only once durable: coordinated writes, replica writes of buckets without the buffer, handoff and read repair writes.</param>
/// <param name="FailedAfterAck">Buffered writes whose storage write failed after they were acknowledged: that replica's copy is lost.</param>
/// <param name="BufferReads">Replica reads answered from the in-memory buffer because a buffered write of the key was not durable yet.</param>
public sealed record ObjectBufferStats(long BufferedAcks, long DurableAcks, long FailedAfterAck, long BufferReads);
