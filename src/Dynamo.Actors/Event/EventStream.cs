using System.Collections.Concurrent;

namespace Dynamo.Actors.Event;

/// <summary>
/// The system-wide publish/subscribe bus: dead letters, unhandled messages, log events and anything else.
/// A subscription to a type receives events of that type and of every type derived from it; a subscriber
/// that matches an event through several subscriptions still gets it once.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<Type, IActorRef[]> _byEventType = new();
    private (Type Channel, IActorRef Subscriber)[] _subscriptions = [];

    /// <summary>Subscribes <paramref name="subscriber"/> to <paramref name="channel"/> and its subtypes; false if it already was.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (Array.Exists(_subscriptions, s => s.Channel == channel && s.Subscriber.Equals(subscriber))) return false;
            _subscriptions = [.. _subscriptions, (channel, subscriber)];
            _byEventType.Clear();
            return true;
        }
    }

    /// <summary>Removes one subscription; false if there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel) =>
        Remove(s => s.Channel == channel && s.Subscriber.Equals(subscriber));

    /// <summary>Removes every subscription of <paramref name="subscriber"/> (done automatically when an actor stops).</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        // Every stopping actor comes here and nearly none subscribed: look first, without the lock or a copy.
        if (!IsSubscribed(Volatile.Read(ref _subscriptions), subscriber)) return false;
        return Remove(s => s.Subscriber.Equals(subscriber));
    }

    private static bool IsSubscribed((Type Channel, IActorRef Subscriber)[] subscriptions, IActorRef subscriber)
    {
        foreach (var (_, s) in subscriptions)
            if (s.Equals(subscriber)) return true;
        return false;
    }

    private bool Remove(Predicate<(Type Channel, IActorRef Subscriber)> match)
    {
        lock (_gate)
        {
            var kept = Array.FindAll(_subscriptions, s => !match(s));
            if (kept.Length == _subscriptions.Length) return false;
            _subscriptions = kept;
            _byEventType.Clear();
            return true;
        }
    }

    /// <summary>Tells <paramref name="event"/> to every subscriber of its type or a base type.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var subscriber in SubscribersOf(@event.GetType())) subscriber.Tell(@event, null);
    }

    /// <summary>True when somebody would receive an event of <paramref name="eventType"/>; lets publishers skip building events.</summary>
    public bool HasSubscribers(Type eventType) => SubscribersOf(eventType).Length > 0;

    private IActorRef[] SubscribersOf(Type eventType)
    {
        if (_byEventType.TryGetValue(eventType, out var cached)) return cached;
        var subscriptions = Volatile.Read(ref _subscriptions);
        var result = subscriptions.Where(s => s.Channel.IsAssignableFrom(eventType)).Select(s => s.Subscriber).Distinct().ToArray();
        // Only cache when no subscription changed meanwhile, or a stale list could outlive an Unsubscribe.
        lock (_gate)
        {
            if (ReferenceEquals(subscriptions, _subscriptions)) _byEventType[eventType] = result;
        }
        return result;
    }
}
