using Dynamo.Actors.Dispatch;

namespace Dynamo.Actors.Internal;

/// <summary>An unbounded stash; unstashing prepends to the cell's mailbox so stashed messages come before newer ones.</summary>
internal sealed class ActorStash : IStash
{
    private readonly ActorCell _cell;
    private readonly List<Envelope> _stashed = [];

    public ActorStash(ActorCell cell) => _cell = cell;

    public int Count => _stashed.Count;

    public void Stash()
    {
        var current = _cell.CurrentEnvelope;
        if (current.Message is null) throw new InvalidOperationException("There is no current message to stash (Stash must be called while handling a message).");
        if (_stashed.Count > 0 && ReferenceEquals(_stashed[^1].Message, current.Message) && Equals(_stashed[^1].Sender, current.Sender))
            throw new InvalidOperationException($"The message {current.Message} is already stashed; a message can be stashed only once.");
        _stashed.Add(current);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0) return;
        var first = _stashed[0];
        _stashed.RemoveAt(0);
        _cell.Prepend([first]);
    }

    public void UnstashAll()
    {
        if (_stashed.Count == 0) return;
        _cell.Prepend(ClearStash());
    }

    public IReadOnlyList<Envelope> ClearStash()
    {
        var all = _stashed.ToArray();
        _stashed.Clear();
        return all;
    }
}
