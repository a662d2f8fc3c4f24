using System.Collections.Concurrent;
using Akka.Actor;

namespace Dynamo.Client;

/// <summary>
/// Long-lived actors that receive a client's replies, one request at a time each: the senders of its requests in
/// place of <c>Ask</c>'s temporary actor per request.
/// </summary>
/// <remarks>
/// ClusterClient's receptionist opens a response tunnel, an actor of its own, for every sender it sees, and keeps it
/// until no reply passed through it for <c>response-tunnel-receive-timeout</c> (30 s). With <c>Ask</c> every request has
/// a sender never seen before, so the member it reaches creates an actor per request (compiling its Props expression)
/// and holds thousands of them alive: measured on workload C, that was the largest part of the receiving member's CPU.
/// A slot is a sender the receptionist sees again and again, so its tunnel is made once. A slot whose request timed out
/// or was cancelled is stopped rather than reused, so that a late reply cannot answer its next request.
/// </remarks>
internal sealed class ReplySlots : IDisposable
{
    private readonly ActorSystem _system;
    private readonly ConcurrentBag<Slot> _idle = [];
    private readonly ConcurrentDictionary<Slot, byte> _all = new();
    private int _disposed;

    /// <summary>Slots made on <paramref name="system"/> as requests need them.</summary>
    public ReplySlots(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
    }

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="target"/> from a free slot and waits for the reply.
    /// </summary>
    /// <exception cref="TimeoutException">No reply came within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled first.</exception>
    public async Task<object> RequestAsync(IActorRef target, object message, TimeSpan timeout, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var slot = Rent();
        var reply = slot.Expect();
        target.Tell(message, slot.Actor);
        try
        {
            var answer = await reply.WaitAsync(timeout, ct).ConfigureAwait(false);
            _idle.Add(slot);
            return answer;
        }
        catch
        {
            Retire(slot);
            throw;
        }
    }

    /// <summary>Stops every slot.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var slot in _all.Keys) Retire(slot);
    }

    private Slot Rent()
    {
        if (_idle.TryTake(out var idle)) return idle;
        var slot = new Slot();
        slot.Actor = _system.ActorOf(Props.Create<SlotActor>(slot));
        _all.TryAdd(slot, 0);
        return slot;
    }

    private void Retire(Slot slot)
    {
        if (_all.TryRemove(slot, out _)) _system.Stop(slot.Actor);
    }

    /// <summary>A slot's pending reply, completed by its actor.</summary>
    private sealed class Slot
    {
        private TaskCompletionSource<object>? _pending;

        public IActorRef Actor { get; set; } = ActorRefs.Nobody;

        public Task<object> Expect()
        {
            // Continuations run off the slot's actor, so a caller's code never holds up the dispatcher thread.
            var pending = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _pending, pending);
            return pending.Task;
        }

        public void Complete(object reply) => Interlocked.Exchange(ref _pending, null)?.TrySetResult(reply);
    }

    /// <summary>Hands every message it receives to its slot's pending reply; one with none pending is dropped.</summary>
    private sealed class SlotActor(Slot slot) : ActorBase
    {
        protected override bool Receive(object message)
        {
            slot.Complete(message);
            return true;
        }
    }
}
