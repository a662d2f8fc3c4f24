using Dynamo.Actors.Dispatch.SysMsg;
using Dynamo.Actors.Internal;

namespace Dynamo.Actors.Tests;

public sealed class SystemMessageQueueTests
{
    private sealed record Numbered(int Producer, int Sequence) : ISystemMessage;

    [Fact]
    public void Messages_come_out_in_the_order_they_were_queued()
    {
        var queue = new SystemMessageQueue();
        Assert.True(queue.IsEmpty);
        queue.Enqueue(new Numbered(0, 1));
        queue.Enqueue(new Numbered(0, 2));
        Assert.True(queue.TryDequeue(out var first));
        queue.Enqueue(new Numbered(0, 3));

        Assert.Equal(new Numbered(0, 1), first);
        Assert.True(queue.TryDequeue(out var second));
        Assert.Equal(new Numbered(0, 2), second);
        Assert.True(queue.TryDequeue(out var third));
        Assert.Equal(new Numbered(0, 3), third);
        Assert.False(queue.TryDequeue(out _));
        Assert.True(queue.IsEmpty);
    }

    [Fact(Timeout = 30_000)]
    public async Task Concurrent_producers_lose_nothing_and_keep_their_own_order()
    {
        const int Producers = 4;
        const int PerProducer = 20_000;
        var queue = new SystemMessageQueue();
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            for (int i = 0; i < PerProducer; i++) queue.Enqueue(new Numbered(p, i));
        })).ToArray();
        var next = new int[Producers];
        int received = 0;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (received < Producers * PerProducer && DateTime.UtcNow < deadline)
        {
            if (!queue.TryDequeue(out var message))
            {
                await Task.Yield();
                continue;
            }
            var numbered = (Numbered)message;
            Assert.Equal(next[numbered.Producer]++, numbered.Sequence);
            received++;
        }
        await Task.WhenAll(producers);

        Assert.Equal(Producers * PerProducer, received);
        Assert.True(queue.IsEmpty);
    }
}
