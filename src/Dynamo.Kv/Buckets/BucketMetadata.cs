using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Routing;
using Dynamo.Protocol;

namespace Dynamo.Kv.Buckets;

/// <summary>
/// A node's bucket properties as cluster metadata, under the router at <see cref="KvPaths.BucketMetadata"/>: it
/// validates a <see cref="SetBucketProps"/>, writes it to Akka.DistributedData with <see cref="WriteMajority"/> and
/// answers the setter once a majority of the members hold it. Every change of the replicated map, written through
/// any node, reaches its listener (the router) as <see cref="BucketPropsChanged"/>, so reads stay local and
/// synchronous.
/// </summary>
/// <remarks>
/// <para>
/// The map is an <see cref="LWWDictionary{TKey,TValue}"/> from bucket name to <see cref="BucketProperties"/>: a
/// bucket's properties are one value, always set whole and never merged field by field, so of two concurrent sets of
/// one bucket the later wins everywhere (as in Riak's cluster metadata), while sets of different buckets merge.
/// <c>LWWDictionary</c> is Akka's own name for an <c>ORDictionary</c> of <c>LWWRegister</c>s, with the same
/// semantics and a smaller API.
/// </para>
/// <para>
/// A refused value is answered before anything is written. A majority write that times out was applied to this
/// node's replica and may have reached others: gossip spreads it on its own, so the setter is told the outcome is
/// unknown, never that nothing was written. The node that took a set answers the new properties as soon as the setter
/// has its reply; other nodes once their replicator notifies them (<c>notify-subscribers-interval</c> after the
/// write or after the gossip that brought it). A restarted node starts from the defaults and receives the map from
/// the other members by gossip.
/// </para>
/// <para>
/// Without a replicator (a single node on the local provider: no cluster, so no Distributed Data) the map is this
/// actor's alone, and a set takes effect as soon as it is validated.
/// </para>
/// </remarks>
public sealed class BucketMetadata : ReceiveActor
{
    /// <summary>The Distributed Data key of the map; the same on every node.</summary>
    public static readonly LWWDictionaryKey<string, BucketProperties> Key = new("dynamo-bucket-props");

    private readonly string _node;
    private readonly IActorRef _listener;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // Writes a majority confirmed, waiting for the local read that gives the map with them: the replicator answers
    // local reads in the order they were asked, so each answer belongs to the oldest write waiting.
    private readonly Queue<PendingWrite> _confirmed = new();
    private BucketPropsStore _store;

    /// <summary>
    /// Creates the bucket metadata of <paramref name="node"/>, which tells <paramref name="listener"/> every change;
    /// with a <paramref name="replicator"/> the map is replicated and writes wait for a majority for at most
    /// <paramref name="writeTimeout"/>, without one it is this node's alone.
    /// </summary>
    public BucketMetadata(string node, BucketProperties defaults, IActorRef listener, IActorRef? replicator, TimeSpan writeTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(listener);
        if (writeTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(writeTimeout), writeTimeout, "must be positive");
        _node = node;
        _listener = listener;
        _store = new BucketPropsStore(defaults);
        if (replicator is null)
        {
            Local();
        }
        else
        {
            Replicated(replicator, Cluster.Get(Context.System), new WriteMajority(writeTimeout));
        }
    }

    /// <summary>Props for the bucket metadata of <paramref name="node"/>; the router creates it named <see cref="KvPaths.BucketMetadataName"/>.</summary>
    /// <param name="node">This node's id, named in failures.</param>
    /// <param name="defaults">The properties of buckets never set.</param>
    /// <param name="listener">Told <see cref="BucketPropsChanged"/> on every change.</param>
    /// <param name="replicator">The Distributed Data replicator; null on a single node without a cluster.</param>
    /// <param name="writeTimeout">How long a set waits for a majority of the members.</param>
    public static Props Props(string node, BucketProperties defaults, IActorRef listener, IActorRef? replicator, TimeSpan writeTimeout) =>
        Akka.Actor.Props.Create(() => new BucketMetadata(node, defaults, listener, replicator, writeTimeout));

    private void Local()
    {
        Receive<SetBucketProps>(set =>
        {
            if (Validate(set) is { } props)
            {
                Publish(_store.With(set.Bucket, props));
                Sender.Tell(Result(set.Bucket, props), Self);
            }
        });
    }

    private void Replicated(IActorRef replicator, Cluster cluster, WriteMajority consistency)
    {
        var selfAddress = cluster.SelfUniqueAddress;
        replicator.Tell(Dsl.Subscribe(Key, Self));

        Receive<SetBucketProps>(set =>
        {
            if (Validate(set) is not { } props) return;
            var bucket = set.Bucket;
            var write = new PendingWrite(Sender, bucket, props, MajorityOf(cluster));
            // The function runs inside the replicator: it closes over these values only, never over this actor.
            replicator.Tell(Dsl.Update(Key, LWWDictionary<string, BucketProperties>.Empty, consistency, write,
                map => map.SetItem(selfAddress, bucket, props)));
        });
        Receive<UpdateSuccess>(success =>
        {
            if (success.Request is not PendingWrite write) return;
            // Read the map back rather than applying this write to the last one seen: a later set of the same bucket
            // may already be in the replica, and only the replica's map says which won.
            _confirmed.Enqueue(write);
            replicator.Tell(Dsl.Get(Key, ReadLocal.Instance));
        });
        Receive<GetSuccess>(got => AnswerConfirmed(got.Get(Key)));
        // A confirmed write is in the local replica, so this is not expected: answer, and leave the map to the next change.
        Receive<NotFound>(_ => AnswerConfirmed(null));
        Receive<Changed>(changed =>
        {
            if (changed.Key.Equals(Key)) Publish(StoreOf(changed.Get(Key)));
        });
        Receive<UpdateTimeout>(timeout =>
        {
            if (timeout.Request is not PendingWrite write) return;
            write.ReplyTo.Tell(KvFailures.QuorumNotMet(1, write.Majority, outcomeUnknown: true,
                $"bucket '{write.Bucket}': setting its properties through node {_node} was not confirmed by a majority of the members " +
                $"within {consistency.Timeout.TotalMilliseconds:0} ms; node {_node} holds them, and gossip may still bring them to every node " +
                "unless a later set replaces them"), Self);
        });
        Receive<ModifyFailure>(failure => Refuse(failure.Request, failure.ErrorMessage));
        Receive<StoreFailure>(failure => Refuse(failure.Request, "the durable store failed"));
    }

    private void AnswerConfirmed(LWWDictionary<string, BucketProperties>? map)
    {
        if (map is not null) Publish(StoreOf(map));
        if (_confirmed.TryDequeue(out var write))
        {
            write.ReplyTo.Tell(Result(write.Bucket, write.Props), Self);
        }
    }

    private void Refuse(object? request, string reason)
    {
        if (request is not PendingWrite write) return;
        _log.Error("Node {0} could not write the properties of bucket {1}: {2}", _node, write.Bucket, reason);
        write.ReplyTo.Tell(KvFailures.Failed($"bucket '{write.Bucket}': node {_node} could not write its properties: {reason}"), Self);
    }

    private BucketProperties? Validate(SetBucketProps set)
    {
        if (string.IsNullOrEmpty(set.Bucket) || set.Props is null)
        {
            Sender.Tell(KvFailures.InvalidRequest("setting bucket properties needs a bucket name and properties"), Self);
            return null;
        }
        var props = BucketProperties.FromProtocol(set.Props);
        if (props.Problem() is { } problem)
        {
            Sender.Tell(KvFailures.InvalidRequest($"bucket '{set.Bucket}': {problem}"), Self);
            return null;
        }
        return props;
    }

    private BucketPropsStore StoreOf(LWWDictionary<string, BucketProperties> map)
    {
        // Every node validates before it writes, so an inconsistent value comes from a node that does not: the bucket
        // keeps the defaults rather than every request on it failing.
        var valid = new List<KeyValuePair<string, BucketProperties>>();
        foreach (var (bucket, props) in map.Entries)
        {
            var problem = string.IsNullOrEmpty(bucket) ? "the bucket name is empty" : props.Problem();
            if (problem is null) valid.Add(new(bucket, props));
            else _log.Error("Node {0} ignores the replicated properties of bucket '{1}': {2}", _node, bucket, problem);
        }
        return _store.WithBuckets(valid);
    }

    private void Publish(BucketPropsStore store)
    {
        _store = store;
        _listener.Tell(new BucketPropsChanged(store), Self);
    }

    private static BucketPropsResult Result(string bucket, BucketProperties props) => new() { Bucket = bucket, Props = props.ToProtocol() };

    // The replicator's majority counts the members it replicates to, Up or WeaklyUp, this one included.
    private static int MajorityOf(Cluster cluster) =>
        cluster.State.Members.Count(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp) / 2 + 1;

    // Travels with the Update as its request and comes back with the replicator's answer; never leaves this node.
    private sealed record PendingWrite(IActorRef ReplyTo, string Bucket, BucketProperties Props, int Majority);
}
