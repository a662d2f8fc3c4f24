namespace Dynamo.Actors;

/// <summary>
/// Implemented by actors that stash; the runtime sets <see cref="Stash"/> right after construction. Stashed
/// messages go back to the mailbox on restart and to dead letters on stop.
/// </summary>
public interface IWithStash
{
    /// <summary>The actor's stash.</summary>
    IStash Stash { get; set; }
}
