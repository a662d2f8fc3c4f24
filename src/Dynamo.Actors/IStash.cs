using Dynamo.Actors.Dispatch;

namespace Dynamo.Actors;

/// <summary>Set-aside messages of an actor that cannot handle them yet (e.g. while initialising).</summary>
public interface IStash
{
    /// <summary>Sets the current message aside.</summary>
    /// <exception cref="InvalidOperationException">The current message is already stashed, or there is none.</exception>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts all stashed messages back at the front of the mailbox, in their original order.</summary>
    void UnstashAll();

    /// <summary>Discards the stash, returning what it held.</summary>
    IReadOnlyList<Envelope> ClearStash();

    /// <summary>Messages currently stashed.</summary>
    int Count { get; }
}
