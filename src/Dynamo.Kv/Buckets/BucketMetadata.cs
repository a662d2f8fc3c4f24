using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;
using Akka.Persistence;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Routing;
using Dynamo.Protocol;

namespace Dynamo.Kv.Buckets;

/// <summary>
/// A node's bucket properties as cluster metadata, under the router at <see cref="KvPaths.BucketMetadata"/>: it
/// validates a <see cref="SetBucketProps"/>, writes it to Akka.DistributedData with <see cref="WriteMajority"/> and
/// answers the setter once a majority of the members hold it and this node's journal has it. Every change of the
/// replicated map, written through any node, reaches its listener (the router) as <see cref="BucketPropsChanged"/>,
/// so reads stay local and synchronous.
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
/// write or after the gossip that brought it).
/// </para>
/// <para>
/// The map survives a restart of the node and of the whole cluster: this actor persists it to the node's own journal
/// (persistence id <see cref="PersistenceIdValue"/>), which is what Distributed Data's durable store would do, were
/// its LightningDB store usable here. Each change of the replica is one event holding the whole CRDT, its
/// last-write-wins timestamps included (a restarted node that wrote the plain values again would give them new
/// timestamps, and they would win over later sets made while it was down), and the older events are deleted. On
/// recovery the node answers the map it had at once, before any member gossips to it, and merges it into its replica,
/// from where gossip brings every member's map to every other.
/// </para>
/// <para>
/// Without a replicator (a single node on the local provider: no cluster, so no Distributed Data) the map is this
/// actor's alone: a set takes effect once it is validated and in the journal, and recovery replays the sets.
/// </para>
/// </remarks>
public sealed class BucketMetadata : ReceivePersistentActor
{
    /// <summary>The Distributed Data key of the map; the same on every node.</summary>
    public static readonly LWWDictionaryKey<string, BucketProperties> Key = new("dynamo-bucket-props");

    /// <summary>The persistence id the map is kept under in the node's own journal (one per node: shared-nothing).</summary>
    public const string PersistenceIdValue = "bucket-metadata";

    private readonly string _node;
    private readonly IActorRef _listener;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // Writes a majority confirmed, waiting for the local read that gives the map with them: the replicator answers
    // local reads in the order they were asked, so each answer belongs to the oldest write waiting.
    private readonly Queue<PendingWrite> _confirmed = new();
    private BucketPropsStore _store;
    // The replicated map the journal gave back on recovery, if any.
    private LWWDictionary<string, BucketProperties>? _recovered;
    // The serialized form of the map last persisted (or recovered); null while the journal holds none.
    private byte[]? _persistedBytes;

    /// <summary>
    /// Creates the bucket metadata of <paramref name="node"/>, which tells <paramref name="listener"/> every change;
    /// with a <paramref name="replicator"/> the map is replicated and writes wait for a majority for at most
    /// <paramref name="writeTimeout"/>, without one it is this node's alone. Either way it is kept in the node's journal.
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
        Command<DeleteMessagesSuccess>(_ => { });
        // The next change deletes them along with its own predecessor: nothing is lost meanwhile.
        Command<DeleteMessagesFailure>(failure =>
            _log.Warning("Node {0} could not delete the older bucket properties from its journal: {1}", _node, failure.Cause.Message));
    }

    /// <inheritdoc />
    public override string PersistenceId => PersistenceIdValue;

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
        // Each set is one event, the validated properties in their wire form (bound to the protobuf serializer), and
        // recovery replays them all: sets are rare, so the journal stays small without deleting anything.
        Recover<SetBucketProps>(set =>
        {
            // Only validated sets were persisted; one that fails validation now (a rule added since, say) leaves the
            // bucket on the defaults rather than failing the node's start.
            var props = set.Props is null ? null : BucketProperties.FromProtocol(set.Props);
            var problem = string.IsNullOrEmpty(set.Bucket) ? "the bucket name is empty" : props is null ? "the properties are missing" : props.Problem();
            if (problem is null && props is not null) _store = _store.With(set.Bucket, props);
            else _log.Error("Node {0} ignores the journaled properties of bucket '{1}': {2}", _node, set.Bucket, problem);
        });
        Recover<RecoveryCompleted>(_ =>
        {
            if (LastSequenceNr > 0) Publish(_store);
        });
        Command<SetBucketProps>(set =>
        {
            if (Validate(set) is not { } props) return;
            var replyTo = Sender;
            var bucket = set.Bucket;
            Persist(new SetBucketProps { Bucket = bucket, Props = props.ToProtocol() }, _ =>
            {
                Publish(_store.With(bucket, props));
                replyTo.Tell(Result(bucket, props), Self);
            });
        });
    }

    private void Replicated(IActorRef replicator, Cluster cluster, WriteMajority consistency)
    {
        var selfAddress = cluster.SelfUniqueAddress;

        // Only the last event matters (each holds the whole map); older ones are deleted as soon as a newer is in.
        Recover<LWWDictionary<string, BucketProperties>>(map => _recovered = map);
        Recover<RecoveryCompleted>(_ =>
        {
            if (_recovered is { } recovered)
            {
                _recovered = null;
                _persistedBytes = Serialized(recovered);
                // Answer what this node had at once, rather than the defaults until a member gossips to it (after a
                // restart of the whole cluster no member has anything else to gossip).
                Publish(StoreOf(recovered));
                // Merged, not written over: the replica may already hold newer sets by gossip, and the merge keeps
                // each bucket's latest value by the timestamps the map carries. WriteLocal: gossip spreads it.
                replicator.Tell(Dsl.Update(Key, LWWDictionary<string, BucketProperties>.Empty, WriteLocal.Instance, MergeRecovered.Instance,
                    existing => existing.Merge(recovered)));
            }
            // Subscribed only now, after the merge: the replicator takes both in order, so the first change it
            // notifies already holds the recovered map.
            replicator.Tell(Dsl.Subscribe(Key, Self));
        });

        Command<SetBucketProps>(set =>
        {
            if (Validate(set) is not { } props) return;
            var bucket = set.Bucket;
            var write = new PendingWrite(Sender, bucket, props, MajorityOf(cluster));
            // The function runs inside the replicator: it closes over these values only, never over this actor.
            replicator.Tell(Dsl.Update(Key, LWWDictionary<string, BucketProperties>.Empty, consistency, write,
                map => map.SetItem(selfAddress, bucket, props)));
        });
        Command<UpdateSuccess>(success =>
        {
            if (success.Request is not PendingWrite write) return;
            // Read the map back rather than applying this write to the last one seen: a later set of the same bucket
            // may already be in the replica, and only the replica's map says which won.
            _confirmed.Enqueue(write);
            replicator.Tell(Dsl.Get(Key, ReadLocal.Instance));
        });
        Command<GetSuccess>(got => AnswerConfirmed(got.Get(Key)));
        // A confirmed write is in the local replica, so this is not expected: answer, and leave the map to the next change.
        Command<NotFound>(_ => AnswerConfirmed(null));
        Command<Changed>(changed =>
        {
            if (!changed.Key.Equals(Key)) return;
            var map = changed.Get(Key);
            Publish(StoreOf(map));
            PersistIfChanged(map, then: null);
        });
        Command<UpdateTimeout>(timeout =>
        {
            if (timeout.Request is not PendingWrite write) return;
            // The replica holds the write, so the change notification that follows persists it.
            write.ReplyTo.Tell(KvFailures.QuorumNotMet(1, write.Majority, outcomeUnknown: true,
                $"bucket '{write.Bucket}': setting its properties through node {_node} was not confirmed by a majority of the members " +
                $"within {consistency.Timeout.TotalMilliseconds:0} ms; node {_node} holds them, and gossip may still bring them to every node " +
                "unless a later set replaces them"), Self);
        });
        Command<ModifyFailure>(failure => Refuse(failure.Request, failure.ErrorMessage));
        Command<StoreFailure>(failure => Refuse(failure.Request, "the durable store failed"));
    }

    private void AnswerConfirmed(LWWDictionary<string, BucketProperties>? map)
    {
        if (!_confirmed.TryDequeue(out var write))
        {
            if (map is not null) Publish(StoreOf(map));
            return;
        }
        void Answer() => write.ReplyTo.Tell(Result(write.Bucket, write.Props), Self);
        if (map is null)
        {
            Answer();
            return;
        }
        Publish(StoreOf(map));
        // Answered once this node's journal has the write too, so an acknowledged set survives a restart of the
        // whole cluster even when no other member persisted it yet.
        PersistIfChanged(map, then: Answer);
    }

    /// <summary>
    /// Persists the whole replicated map when it differs from the last one persisted, then deletes the events before
    /// it, so the journal holds about one event; runs <paramref name="then"/> once the map is in the journal.
    /// </summary>
    /// <remarks>
    /// Bucket properties change rarely (an operator sets a bucket's properties, the cluster does not), so writing the
    /// whole map on every change costs nothing worth batching, and the journal never grows.
    /// </remarks>
    private void PersistIfChanged(LWWDictionary<string, BucketProperties> map, Action? then)
    {
        var bytes = Serialized(map);
        if (_persistedBytes is not null && bytes.AsSpan().SequenceEqual(_persistedBytes))
        {
            then?.Invoke();
            return;
        }
        _persistedBytes = bytes;
        Persist(map, _ =>
        {
            if (LastSequenceNr > 1) DeleteMessages(LastSequenceNr - 1);
            then?.Invoke();
        });
    }

    // What the journal stores of the map. Compared rather than the maps themselves: LWWDictionary's Equals (in this
    // version of Akka.DistributedData) finds a map different from a copy of it read back through the serializer, as
    // the recovered map and every map gossip brings are. The serializer writes the same map as the same bytes (keys
    // and version vectors in order), timestamps included.
    private byte[] Serialized(LWWDictionary<string, BucketProperties> map) =>
        Context.System.Serialization.FindSerializerFor(map).ToBinary(map);

    private void Refuse(object? request, string reason)
    {
        if (request is MergeRecovered)
        {
            // The replica keeps what it had; this node still answers the recovered map, and persists the next change.
            _log.Error("Node {0} could not merge the bucket properties it recovered into its replica: {1}", _node, reason);
            return;
        }
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

    // The request of the Update that merges the recovered map into the replica; never leaves this node.
    private sealed record MergeRecovered
    {
        public static readonly MergeRecovered Instance = new();
    }
}
