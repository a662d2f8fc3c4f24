using Dynamo.Actors.Event;
using Dynamo.Actors.Internal;

namespace Dynamo.Actors;

/// <summary>
/// Actors chosen by a path relative to an anchor, resolved each time a message is sent: elements are child
/// names, <c>..</c> for the parent, and <c>*</c>/<c>?</c> wildcards. A message that matches nobody becomes a dead letter.
/// </summary>
public sealed class ActorSelection : ICanTell
{
    internal ActorSelection(IActorRef anchor, IReadOnlyList<string> elements, ActorSystem system)
    {
        Anchor = anchor;
        Elements = elements;
        System = system;
    }

    /// <summary>Where resolution starts.</summary>
    public IActorRef Anchor { get; }

    /// <summary>The path elements walked from the anchor.</summary>
    public IReadOnlyList<string> Elements { get; }

    /// <summary>The elements as a path string, e.g. <c>/user/*/worker</c>.</summary>
    public string PathString => "/" + string.Join('/', Elements);

    internal ActorSystem System { get; }

    /// <inheritdoc />
    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Anchor is LocalActorRef local) DeliverSelection(local, new ActorSelectionMessage(message, Elements), sender);
        else Anchor.Tell(new ActorSelectionMessage(message, Elements), sender);
    }

    /// <summary>
    /// The reference of the (first) actor the selection matches; fails with <see cref="ActorNotFoundException"/>
    /// if none does, or <see cref="AskTimeoutException"/> if a remote system does not answer within <paramref name="timeout"/>.
    /// </summary>
    public Task<IActorRef> ResolveOne(TimeSpan timeout)
    {
        if (Anchor is LocalActorRef local)
        {
            var found = ResolveLocal(local, Elements);
            return found.Count > 0
                ? Task.FromResult(found[0])
                : Task.FromException<IActorRef>(new ActorNotFoundException($"No actor matches {this}."));
        }
        return ResolveRemote(timeout);
    }

    private async Task<IActorRef> ResolveRemote(TimeSpan timeout)
    {
        var identity = await this.Ask<ActorIdentity>(new Identify(null), timeout).ConfigureAwait(false);
        return identity.Subject ?? throw new ActorNotFoundException($"No actor matches {this}.");
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSelection[Anchor({Anchor.Path}), Path({PathString})]";

    internal static ActorSelection Create(LocalActorRef? relativeTo, ActorSystem system, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var provider = system.Provider;
        if (ActorPath.TryParse(path, out var absolute))
        {
            var root = absolute.Address == provider.Address ? provider.RootGuardian : provider.ResolveActorRef(ActorPath.Root(absolute.Address));
            return new ActorSelection(root, absolute.Elements, system);
        }
        if (path.Contains("://", StringComparison.Ordinal))
            throw new FormatException($"'{path}' is not a valid actor path.");
        var elements = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(e => e != ".").ToArray();
        var anchor = path.StartsWith('/') || relativeTo is null ? provider.RootGuardian : relativeTo;
        return new ActorSelection(anchor, elements, system);
    }

    /// <summary>Delivers a selection message from a local anchor; used for local sends and for selections arriving from other systems.</summary>
    internal static void DeliverSelection(LocalActorRef anchor, ActorSelectionMessage selection, IActorRef? sender)
    {
        var targets = ResolveLocal(anchor, selection.Elements);
        if (targets.Count == 0)
        {
            var system = anchor.Cell.System;
            system.DeadLetters.Tell(new DeadLetter(selection.Message, sender ?? system.DeadLetters, anchor), sender);
            return;
        }
        foreach (var target in targets) target.Tell(selection.Message, sender);
    }

    internal static IReadOnlyList<IActorRef> ResolveLocal(LocalActorRef anchor, IReadOnlyList<string> elements)
    {
        IReadOnlyList<LocalActorRef> current = [anchor];
        foreach (var element in elements)
        {
            var next = new List<LocalActorRef>();
            foreach (var actor in current)
            {
                if (element == "..")
                {
                    if (actor.Cell.ParentRef is LocalActorRef parent) next.Add(parent);
                }
                else if (Wildcard.IsPattern(element))
                {
                    next.AddRange(actor.Cell.ChildrenContainer.Matching(element));
                }
                else if (actor.Cell.ChildrenContainer.Get(element) is { } child)
                {
                    next.Add(child);
                }
            }
            current = next;
            if (current.Count == 0) break;
        }
        return current.Distinct().Cast<IActorRef>().ToArray();
    }
}
