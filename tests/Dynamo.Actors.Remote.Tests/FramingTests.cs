using System.Buffers;
using Dynamo.Actors.Remote.Transport;

namespace Dynamo.Actors.Remote.Tests;

public class FramingTests
{
    [Fact]
    public void Frames_written_are_read_back_whole_and_in_order_across_segment_boundaries()
    {
        var writer = new ArrayBufferWriter<byte>();
        var payloads = Enumerable.Range(1, 50).Select(n => Enumerable.Range(0, n).Select(i => (byte)(i * n)).ToArray()).ToList();
        foreach (var p in payloads) Framing.WriteFrame(writer, p, 1024);
        var buffer = Segmented(writer.WrittenMemory.ToArray(), segmentSize: 7);

        var read = new List<byte[]>();
        while (Framing.TryReadFrame(ref buffer, 1024, out var frame)) read.Add(frame.ToArray());

        Assert.Equal(payloads.Count, read.Count);
        for (int i = 0; i < payloads.Count; i++) Assert.Equal(payloads[i], read[i]);
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void Incomplete_frame_waits_for_more_bytes_without_consuming()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 10, 1, 2, 3 });
        Assert.False(Framing.TryReadFrame(ref buffer, 1024, out _));
        Assert.Equal(7, buffer.Length);
    }

    [Fact]
    public void Length_prefix_above_the_maximum_is_a_protocol_violation()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 4, 1 });
        var e = Assert.Throws<RemoteProtocolException>(() => Framing.TryReadFrame(ref buffer, 1024, out _));
        Assert.Contains("1025", e.Message);
    }

    [Fact]
    public void Zero_length_frame_is_a_protocol_violation()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 0 });
        Assert.Throws<RemoteProtocolException>(() => Framing.TryReadFrame(ref buffer, 1024, out _));
    }

    [Fact]
    public void A_lying_length_prefix_allocates_nothing_proportional_to_it()
    {
        var header = new ReadOnlySequence<byte>(new byte[] { 0x00, 0x3F, 0xFF, 0xFF, 1, 2, 3 });
        long before = GC.GetAllocatedBytesForCurrentThread();
        var buffer = header;
        bool complete = Framing.TryReadFrame(ref buffer, 4 * 1024 * 1024, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.False(complete);
        Assert.True(allocated < 1024, $"decoder allocated {allocated} bytes for a 4 MiB length prefix");
    }

    internal static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentSize)
    {
        if (bytes.Length == 0) return ReadOnlySequence<byte>.Empty;
        Segment? first = null, last = null;
        for (int offset = 0; offset < bytes.Length; offset += segmentSize)
        {
            var chunk = bytes.AsMemory(offset, Math.Min(segmentSize, bytes.Length - offset));
            if (first is null) first = last = new Segment(chunk, 0);
            else last = last!.Append(chunk);
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
