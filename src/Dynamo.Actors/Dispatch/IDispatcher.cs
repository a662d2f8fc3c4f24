namespace Dynamo.Actors.Dispatch;

/// <summary>
/// Decides where and when mailbox runs execute. A mailbox hands itself to <see cref="Schedule"/> at most once at
/// a time, so an actor never processes two messages concurrently whatever the dispatcher does.
/// </summary>
public interface IDispatcher
{
    /// <summary>How many user messages a mailbox processes per run before yielding its thread to other actors.</summary>
    int Throughput { get; }

    /// <summary>Runs <paramref name="work"/> (a mailbox) some time later.</summary>
    void Schedule(IThreadPoolWorkItem work);
}
