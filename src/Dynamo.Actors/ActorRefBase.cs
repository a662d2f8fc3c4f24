using Dynamo.Actors.Dispatch.SysMsg;

namespace Dynamo.Actors;

/// <summary>
/// Shared equality, ordering and formatting for actor references: equal when path and uid are equal.
/// Derive from it when writing a new kind of reference (e.g. a remote one).
/// </summary>
public abstract class ActorRefBase : IInternalActorRef
{
    /// <inheritdoc />
    public abstract ActorPath Path { get; }

    /// <inheritdoc />
    public abstract bool IsLocal { get; }

    /// <inheritdoc />
    public virtual ActorSystem? System => null;

    /// <inheritdoc />
    public abstract void Tell(object message, IActorRef? sender);

    /// <inheritdoc />
    public abstract void SendSystemMessage(ISystemMessage message);

    /// <inheritdoc />
    public virtual void Stop() => SendSystemMessage(new Terminate());

    /// <inheritdoc />
    public bool Equals(IActorRef? other) =>
        other is not null && (ReferenceEquals(this, other) || (Path.Uid == other.Path.Uid && Path.Equals(other.Path)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path, Path.Uid);

    /// <inheritdoc />
    public int CompareTo(IActorRef? other)
    {
        if (other is null) return 1;
        int c = Path.CompareTo(other.Path);
        return c != 0 ? c : Path.Uid.CompareTo(other.Path.Uid);
    }

    /// <inheritdoc />
    public override string ToString() => Path.Uid == ActorPath.UndefinedUid ? $"[{Path}]" : $"[{Path}#{Path.Uid}]";
}
