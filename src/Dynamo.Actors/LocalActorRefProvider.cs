using System.Collections.Concurrent;
using Dynamo.Actors.Dispatch.SysMsg;
using Dynamo.Actors.Internal;

namespace Dynamo.Actors;

/// <summary>
/// The provider for a system without networking. Subclass it for remoting: pass the network address to the
/// constructor and override <see cref="ResolveForeign"/> to hand out references to other systems' actors.
/// </summary>
public class LocalActorRefProvider : IActorRefProvider
{
    private readonly ActorSystem _system;
    private const string TempElement = "temp";
    // Keyed by the elements below /temp ("$a" for /temp/$a), so that an Ask registers and looks up without formatting.
    private readonly ConcurrentDictionary<string, IInternalActorRef> _temp = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IInternalActorRef>.AlternateLookup<ReadOnlySpan<char>> _tempBySpan;
    private readonly ActorPath _tempRoot;
    private long _tempSequence;
    private ActorCell? _root;
    private LocalActorRef? _guardian;
    private LocalActorRef? _systemGuardian;

    /// <summary>Creates the provider; <paramref name="address"/> defaults to <c>dynamo://name</c>.</summary>
    public LocalActorRefProvider(ActorSystem system, Address? address = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        Address = address ?? new Address(Address.LocalProtocol, system.Name);
        RootPath = ActorPath.Root(Address);
        _tempRoot = RootPath / TempElement;
        _tempBySpan = _temp.GetAlternateLookup<ReadOnlySpan<char>>();
        DeadLetters = new DeadLetterActorRef(system, RootPath / "deadLetters");
    }

    /// <inheritdoc />
    public Address Address { get; }

    /// <inheritdoc />
    public ActorPath RootPath { get; }

    /// <inheritdoc />
    public IInternalActorRef RootGuardian => _root?.SelfRef ?? throw NotStarted();

    /// <inheritdoc />
    public IInternalActorRef Guardian => _guardian ?? throw NotStarted();

    /// <inheritdoc />
    public IInternalActorRef SystemGuardian => _systemGuardian ?? throw NotStarted();

    /// <inheritdoc />
    public IActorRef DeadLetters { get; }

    private static InvalidOperationException NotStarted() => new("The actor system is not started yet (provider Init has not run).");

    /// <inheritdoc />
    public virtual void Init()
    {
        if (_root is not null) throw new InvalidOperationException("The provider was already initialised.");
        var root = new ActorCell(_system, RootPath.WithUid(NonZero(_system.Random.NextInt64())), Props.Create(() => new RootGuardianActor()), null);
        root.Mailbox.PostSystem(Create.Instance);
        var guardianStrategy = _system.Settings.GuardianSupervisorStrategy ?? Supervision.SupervisorStrategy.DefaultStrategy;
        _guardian = root.CreateChild(Props.Create(() => new GuardianActor(guardianStrategy)), "user");
        _systemGuardian = root.CreateChild(Props.Create(() => new GuardianActor(Supervision.SupervisorStrategy.DefaultStrategy)), "system");
        _root = root;
    }

    private static long NonZero(long value) => value == ActorPath.UndefinedUid ? 1 : value;

    /// <inheritdoc />
    public IActorRef ResolveActorRef(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (ActorPath.TryParse(path, out var parsed)) return ResolveActorRef(parsed);
        if (path.StartsWith('/'))
        {
            var local = RootPath;
            foreach (var element in path.Split('/', StringSplitOptions.RemoveEmptyEntries)) local = local / element;
            return ResolveActorRef(local);
        }
        throw new FormatException($"'{path}' is not an actor path (expected protocol://system[@host:port]/elements or /elements).");
    }

    /// <inheritdoc />
    public IActorRef ResolveActorRef(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Address != Address) return ResolveForeign(path);
        var elements = path.Elements;
        if (elements.Count == 0) return RootGuardian;
        if (elements[0] == "deadLetters" && elements.Count == 1) return DeadLetters;
        if (elements[0] == TempElement)
            return _temp.TryGetValue(TempKey(path), out var temp) ? temp : new EmptyLocalActorRef(_system, path);
        LocalActorRef? current = _root?.SelfRef;
        foreach (var element in elements)
        {
            current = current?.Cell.ChildrenContainer.Get(element);
            if (current is null) return new EmptyLocalActorRef(_system, path);
        }
        if (path.Uid != ActorPath.UndefinedUid && current!.Path.Uid != path.Uid) return new EmptyLocalActorRef(_system, path);
        return current!;
    }

    /// <summary>
    /// The live actor of this system at <paramref name="elements"/> (<c>/user/a/b</c>) with incarnation
    /// <paramref name="uid"/> (any when undefined), found without building a path; null when there is none or the
    /// path needs the general resolution (root, dead letters, unknown temporary actors), which the caller then falls back to.
    /// </summary>
    internal IInternalActorRef? TryResolveLocal(ReadOnlySpan<char> elements, long uid)
    {
        var current = _root?.SelfRef;
        bool any = false;
        foreach (var range in elements.Split('/'))
        {
            var name = elements[range];
            if (name.IsEmpty) continue;
            if (!any && name.SequenceEqual(TempElement))
            {
                // Replies to an Ask: the rest of the path is the key of the promise (the uid is not kept for those).
                int end = range.End.GetOffset(elements.Length);
                return end < elements.Length && _tempBySpan.TryGetValue(elements[(end + 1)..], out var temp) ? temp : null;
            }
            any = true;
            current = current?.Cell.ChildrenContainer.Get(name);
            if (current is null) return null;
        }
        if (!any || current is null) return null;
        return uid == ActorPath.UndefinedUid || current.Path.Uid == uid ? current : null;
    }

    /// <summary>Resolves a path of another system; without remoting nothing can reach it, so messages become dead letters.</summary>
    protected virtual IActorRef ResolveForeign(ActorPath path) => new EmptyLocalActorRef(_system, path);

    /// <inheritdoc />
    public ActorPath TempPath() => _tempRoot / ActorNames.Generated(Interlocked.Increment(ref _tempSequence));

    /// <inheritdoc />
    public void RegisterTempActor(IInternalActorRef actor, ActorPath path) => _temp[TempKey(path)] = actor;

    /// <inheritdoc />
    public void UnregisterTempActor(ActorPath path) => _temp.TryRemove(TempKey(path), out _);

    private static string TempKey(ActorPath path) =>
        path.Depth == 2 ? path.Name : path.ToStringWithoutAddress()[(TempElement.Length + 2)..];
}
