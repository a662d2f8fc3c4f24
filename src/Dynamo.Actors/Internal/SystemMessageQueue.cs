using Dynamo.Actors.Dispatch.SysMsg;

namespace Dynamo.Actors.Internal;

/// <summary>
/// An actor's queue of system messages: many producers, the mailbox run as the only consumer. Producers push onto a
/// lock-free stack; the consumer takes the whole stack at once and reverses it, so messages still come out in the
/// order they were pushed. Every actor has one, and most see only a few messages in their life (create, watch,
/// terminate), so it costs one small node per message instead of the preallocated segment a concurrent queue holds.
/// </summary>
internal sealed class SystemMessageQueue
{
    private Node? _incoming;
    private Node? _taken;

    /// <summary>True when nothing is queued; exact on the consumer, a hint elsewhere.</summary>
    public bool IsEmpty => _taken is null && Volatile.Read(ref _incoming) is null;

    /// <summary>Queues <paramref name="message"/>; any thread.</summary>
    public void Enqueue(ISystemMessage message)
    {
        var node = new Node(message);
        Node? head;
        do
        {
            head = Volatile.Read(ref _incoming);
            node.Next = head;
        }
        while (Interlocked.CompareExchange(ref _incoming, node, head) != head);
    }

    /// <summary>Takes the oldest message; only the running mailbox calls it.</summary>
    public bool TryDequeue(out ISystemMessage message)
    {
        var node = _taken;
        if (node is null)
        {
            var newestFirst = Interlocked.Exchange(ref _incoming, null);
            if (newestFirst is null)
            {
                message = null!;
                return false;
            }
            while (newestFirst is not null)
            {
                var next = newestFirst.Next;
                newestFirst.Next = node;
                node = newestFirst;
                newestFirst = next;
            }
        }
        _taken = node!.Next;
        message = node.Message;
        return true;
    }

    private sealed class Node(ISystemMessage message)
    {
        public ISystemMessage Message { get; } = message;

        public Node? Next { get; set; }
    }
}
