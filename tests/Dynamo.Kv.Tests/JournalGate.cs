using Akka.Persistence;
using Akka.Persistence.TestKit;

namespace Dynamo.Kv.Tests;

/// <summary>
/// A write interceptor of the test journal that holds the events <paramref name="holds"/> picks at a gate the test
/// opens, or fails; other events pass. The journal stores a held event only once the gate opens, so a replay
/// meanwhile does not see it.
/// </summary>
internal sealed class JournalGate(Func<object, bool> holds, bool closed = true) : IJournalInterceptor
{
    private TaskCompletionSource _gate = NewGate(closed);
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>A gate holding the events of type <typeparamref name="T"/>.</summary>
    public static JournalGate Holding<T>(bool closed = true) => new(e => e is T, closed);

    /// <summary>Completes when the first held event reaches the gate.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Held events that have not passed the gate yet.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Lets every held and later event through.</summary>
    public void Open() => Volatile.Read(ref _gate).TrySetResult();

    /// <summary>Holds later events again.</summary>
    public void Close() => Volatile.Write(ref _gate, NewGate(closed: true));

    /// <summary>Fails every held and later event: the journal fails their writes.</summary>
    public void Fail(string reason) => Volatile.Read(ref _gate).TrySetException(new TestJournalFailureException(reason));

    public async Task InterceptAsync(IPersistentRepresentation message)
    {
        if (!holds(message.Payload)) return;
        Interlocked.Increment(ref _held);
        _arrived.TrySetResult();
        try
        {
            await Volatile.Read(ref _gate).Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }

    private static TaskCompletionSource NewGate(bool closed)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!closed) gate.SetResult();
        return gate;
    }
}
