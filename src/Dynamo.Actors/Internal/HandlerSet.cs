namespace Dynamo.Actors.Internal;

/// <summary>An ordered list of message handlers; the first that accepts a message wins.</summary>
internal sealed class HandlerSet
{
    public static readonly HandlerSet Empty = new();

    private Func<object, bool>[] _handlers = [];

    public void Add(Func<object, bool> handler) => _handlers = [.. _handlers, handler];

    public bool Handle(object message)
    {
        foreach (var handler in _handlers)
            if (handler(message)) return true;
        return false;
    }
}
