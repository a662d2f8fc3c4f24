using System.Collections.Immutable;

namespace Dynamo.Kv.Buckets;

/// <summary>
/// The bucket properties one node knows: those set explicitly, and the defaults for every other
/// bucket. Immutable; a setter returns a new store.
/// </summary>
/// <remarks>
/// The router and the anti-entropy exchange read it synchronously; <see cref="BucketMetadata"/> builds each new
/// one from the replicated map (or, on a single node, from the sets it takes) and hands it to the router.
/// </remarks>
public sealed class BucketPropsStore
{
    private readonly ImmutableDictionary<string, BucketProperties> _buckets;

    /// <summary>A store that answers <paramref name="defaults"/> for every bucket.</summary>
    public BucketPropsStore(BucketProperties defaults)
        : this(defaults, ImmutableDictionary<string, BucketProperties>.Empty.WithComparers(StringComparer.Ordinal))
    {
    }

    private BucketPropsStore(BucketProperties defaults, ImmutableDictionary<string, BucketProperties> buckets)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        Defaults = defaults;
        _buckets = buckets;
    }

    /// <summary>The properties of buckets never set.</summary>
    public BucketProperties Defaults { get; }

    /// <summary>The buckets with properties of their own, and those properties.</summary>
    public IEnumerable<KeyValuePair<string, BucketProperties>> Buckets => _buckets;

    /// <summary>The properties in effect for <paramref name="bucket"/>.</summary>
    public BucketProperties For(string bucket) => _buckets.TryGetValue(bucket, out var props) ? props : Defaults;

    /// <summary>A store where <paramref name="bucket"/> has <paramref name="props"/>.</summary>
    /// <exception cref="ArgumentException">The properties are inconsistent (say r greater than n).</exception>
    public BucketPropsStore With(string bucket, BucketProperties props)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(props);
        if (props.Problem() is { } problem)
        {
            throw new ArgumentException($"Bucket '{bucket}': {problem}.", nameof(props));
        }
        return new BucketPropsStore(Defaults, _buckets.SetItem(bucket, props));
    }

    /// <summary>A store, over the same defaults, whose explicitly set buckets are exactly <paramref name="buckets"/>.</summary>
    /// <exception cref="ArgumentException">A bucket name is empty, or its properties are inconsistent.</exception>
    public BucketPropsStore WithBuckets(IEnumerable<KeyValuePair<string, BucketProperties>> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        return buckets.Aggregate(new BucketPropsStore(Defaults), (store, bucket) => store.With(bucket.Key, bucket.Value));
    }
}
