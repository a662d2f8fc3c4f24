using System.Collections.Concurrent;
using System.Diagnostics;
using Dynamo.Actors.Dispatch;
using Dynamo.Actors.Scheduling;
using Dynamo.Actors.TestKit.Internal;
using Xunit.Sdk;

namespace Dynamo.Actors.TestKit;

/// <summary>
/// Expectations on the messages one test actor receives. In virtual-time mode (a system built with
/// <see cref="ActorSystemSettings.Deterministic"/>) nothing runs until the test asks: expectations first run the
/// dispatcher until idle, and only <see cref="Advance"/>, <see cref="ExpectNoMsg(TimeSpan)"/> and
/// <see cref="AwaitAssert"/> move virtual time.
/// </summary>
public abstract class TestKitBase
{
    private readonly BlockingCollection<ReceivedMessage> _queue = new();
    private TimeSpan? _deadline;

    /// <summary>Creates the test actor in <paramref name="system"/>.</summary>
    protected TestKitBase(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        Sys = system;
        TestActor = system.SystemActorOf(Props.Create(() => new TestActor(_queue)));
        LastSender = system.DeadLetters;
    }

    /// <summary>The system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The actor whose received messages the expectations inspect; use it as sender or reply address.</summary>
    public IActorRef TestActor { get; }

    /// <summary>The sender of the last message taken by an expectation.</summary>
    public IActorRef LastSender { get; private set; }

    /// <summary>How long expectations wait when not told otherwise: 3 s times <see cref="TimeFactor"/>.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeFactor.Dilated(TimeSpan.FromSeconds(3));

    /// <summary>True when the system runs on a deterministic dispatcher and virtual time.</summary>
    public bool IsVirtualTime => Sys.Dispatcher is DeterministicDispatcher && Sys.Scheduler is VirtualTimeScheduler;

    /// <summary>Time left in the enclosing <see cref="Within(TimeSpan, TimeSpan, Action)"/>, or the default timeout outside one.</summary>
    public TimeSpan Remaining => _deadline is { } d ? Max(d - Now, TimeSpan.Zero) : DefaultTimeout;

    private TimeSpan Now => Sys.Clock.MonotonicClock;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private TimeSpan Timeout(TimeSpan? given) => given ?? Remaining;

    /// <summary>Runs the deterministic dispatcher until no actor has work (no-op in real-time mode).</summary>
    public void RunUntilIdle()
    {
        if (Sys.Dispatcher is DeterministicDispatcher dispatcher) dispatcher.RunUntilIdle();
    }

    /// <summary>Moves virtual time forward, firing due timers in order and running the dispatcher until idle after each.</summary>
    /// <exception cref="InvalidOperationException">The system does not run on virtual time.</exception>
    public void Advance(TimeSpan by)
    {
        if (Sys.Scheduler is not VirtualTimeScheduler scheduler)
            throw new InvalidOperationException("Advance needs a system on virtual time (ActorSystemSettings.Deterministic).");
        scheduler.Advance(by, RunUntilIdle);
    }

    /// <summary>Takes the next message, or null if none arrives within <paramref name="timeout"/>.</summary>
    public ReceivedMessage? ReceiveOne(TimeSpan? timeout = null)
    {
        ReceivedMessage? received;
        if (IsVirtualTime)
        {
            RunUntilIdle();
            _queue.TryTake(out received);
        }
        else
        {
            var wait = Timeout(timeout);
            _queue.TryTake(out received, wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        }
        if (received is not null) LastSender = received.Sender;
        return received;
    }

    /// <summary>Expects a message of type <typeparamref name="T"/> next and returns it.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>((Predicate<T>?)null, timeout);

    /// <summary>Expects a message of type <typeparamref name="T"/> satisfying <paramref name="predicate"/> next.</summary>
    public T ExpectMsg<T>(Predicate<T>? predicate, TimeSpan? timeout = null)
    {
        var limit = Timeout(timeout);
        var received = ReceiveOne(limit) ?? throw new XunitException($"Timeout ({limit.TotalMilliseconds} ms) while waiting for a message of type {typeof(T).Name}.");
        if (received.Message is not T typed)
            throw new XunitException($"Expected a message of type {typeof(T).Name} but received {Describe(received.Message)} from {received.Sender.Path}.");
        if (predicate is not null && !predicate(typed))
            throw new XunitException($"Received {Describe(received.Message)}, which does not satisfy the predicate.");
        return typed;
    }

    /// <summary>Expects a message equal to <paramref name="expected"/> next.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull
    {
        var limit = Timeout(timeout);
        var received = ReceiveOne(limit) ?? throw new XunitException($"Timeout ({limit.TotalMilliseconds} ms) while waiting for {Describe(expected)}.");
        if (received.Message is not T typed || !EqualityComparer<T>.Default.Equals(typed, expected))
            throw new XunitException($"Expected {Describe(expected)} but received {Describe(received.Message)}.");
        return typed;
    }

    /// <summary>Expects exactly the given messages next, in any order.</summary>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(params T[] messages) where T : notnull => ExpectMsgAllOf((TimeSpan?)null, messages);

    /// <summary>Expects exactly the given messages next, in any order, within <paramref name="timeout"/>.</summary>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(TimeSpan? timeout, params T[] messages) where T : notnull
    {
        var received = ReceiveN(messages.Length, timeout);
        var missing = messages.ToList();
        var result = new List<T>(received.Count);
        foreach (var message in received)
        {
            if (message is not T typed || !missing.Remove(typed))
                throw new XunitException($"Received {Describe(message)}, which is not among the expected [{string.Join(", ", messages)}] (or came twice).");
            result.Add(typed);
        }
        return result;
    }

    /// <summary>
    /// Expects no message for <paramref name="duration"/>. In virtual-time mode this advances time by
    /// <paramref name="duration"/>, so that timers due within it get their chance to deliver.
    /// </summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (IsVirtualTime) Advance(duration);
        var received = ReceiveOne(duration);
        if (received is not null)
            throw new XunitException($"Expected no message within {duration.TotalMilliseconds} ms but received {Describe(received.Message)} from {received.Sender.Path}.");
    }

    /// <summary>Expects no message for 100 ms.</summary>
    public void ExpectNoMsg() => ExpectNoMsg(TimeSpan.FromMilliseconds(100));

    /// <summary>Skips messages until one satisfies <paramref name="isMessage"/>, and returns it.</summary>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null) => FishForMessage<object>(isMessage, timeout);

    /// <summary>Skips messages until one of type <typeparamref name="T"/> satisfies <paramref name="isMessage"/>, and returns it.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var limit = Timeout(timeout);
        var end = Stopwatch.GetTimestamp();
        while (true)
        {
            var left = limit - Stopwatch.GetElapsedTime(end);
            var received = ReceiveOne(Max(left, TimeSpan.Zero))
                ?? throw new XunitException($"Timeout ({limit.TotalMilliseconds} ms) while fishing for a matching {typeof(T).Name}.");
            if (received.Message is T typed && isMessage(typed)) return typed;
        }
    }

    /// <summary>Receives <paramref name="count"/> messages of any type.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        var limit = Timeout(timeout);
        var start = Stopwatch.GetTimestamp();
        var result = new List<object>(count);
        for (int i = 0; i < count; i++)
        {
            var received = ReceiveOne(Max(limit - Stopwatch.GetElapsedTime(start), TimeSpan.Zero))
                ?? throw new XunitException($"Timeout ({limit.TotalMilliseconds} ms) after {i} of {count} messages.");
            result.Add(received.Message);
        }
        return result;
    }

    /// <summary>
    /// Runs <paramref name="action"/> and checks it took between <paramref name="min"/> and <paramref name="max"/> (on
    /// the system's clock); expectations inside default to the time remaining until <paramref name="max"/>.
    /// </summary>
    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var start = Now;
        var outer = _deadline;
        var deadline = start + max;
        _deadline = outer is { } o && o < deadline ? o : deadline;
        try
        {
            action();
        }
        finally
        {
            _deadline = outer;
        }
        var elapsed = Now - start;
        if (elapsed < min) throw new XunitException($"Block took {elapsed.TotalMilliseconds} ms, less than the required minimum of {min.TotalMilliseconds} ms.");
        if (elapsed > max) throw new XunitException($"Block took {elapsed.TotalMilliseconds} ms, more than the allowed {max.TotalMilliseconds} ms.");
    }

    /// <summary>Runs <paramref name="action"/> and checks it finished within <paramref name="max"/>.</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>
    /// Retries <paramref name="assertion"/> every <paramref name="interval"/> (default 100 ms) until it passes or
    /// <paramref name="duration"/> (default: remaining time) is up, then rethrows its last failure.
    /// </summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var limit = Timeout(duration);
        var step = interval ?? TimeSpan.FromMilliseconds(100);
        var start = Now;
        var wallStart = Stopwatch.GetTimestamp();
        while (true)
        {
            RunUntilIdle();
            try
            {
                assertion();
                return;
            }
            catch (Exception) when ((IsVirtualTime ? Now - start : Stopwatch.GetElapsedTime(wallStart)) < limit)
            {
                if (IsVirtualTime) Advance(step);
                else Thread.Sleep(step);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="max"/>.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        AwaitAssert(() =>
        {
            if (!condition()) throw new XunitException("The awaited condition did not become true in time.");
        }, max, interval);
    }

    /// <summary>Makes the test actor watch <paramref name="actor"/>, so that <see cref="ExpectTerminated"/> can see it stop.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        TestActor.Tell(new TestActor.WatchTarget(actor), TestActor);
        return actor;
    }

    /// <summary>Makes the test actor stop watching <paramref name="actor"/>.</summary>
    public IActorRef Unwatch(IActorRef actor)
    {
        TestActor.Tell(new TestActor.UnwatchTarget(actor), TestActor);
        return actor;
    }

    /// <summary>Expects the <see cref="Terminated"/> of a watched <paramref name="target"/> next.</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        var terminated = ExpectMsg<Terminated>(timeout);
        if (!terminated.ActorRef.Equals(target))
            throw new XunitException($"Expected Terminated for {target.Path} but got it for {terminated.ActorRef.Path}.");
        return terminated;
    }

    /// <summary>Tells <paramref name="message"/> to the sender of the last received message, from the test actor.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>Tells <paramref name="message"/> to <paramref name="target"/> from the test actor.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, TestActor);

    /// <summary>Tells <paramref name="message"/> to <paramref name="target"/> keeping the last sender as sender.</summary>
    public void Forward(IActorRef target, object message) => target.Tell(message, LastSender);

    /// <summary>A new probe in the same system.</summary>
    public TestProbe CreateTestProbe() => new(Sys) { DefaultTimeout = DefaultTimeout };

    private static string Describe(object? message) => message is null ? "null" : $"{message.GetType().Name} {message}";
}
