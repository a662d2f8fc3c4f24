namespace Dynamo.Actors.Cluster;

/// <summary>
/// One failure detector per monitored resource (node), created on its first heartbeat. A resource never
/// heard from counts as available, as in Akka: absence of evidence is not a failure. Not thread-safe: the
/// heartbeat actor owns it.
/// </summary>
/// <typeparam name="T">The key of a monitored resource, e.g. <see cref="UniqueAddress"/>.</typeparam>
public sealed class DefaultFailureDetectorRegistry<T> where T : notnull
{
    private readonly Func<IFailureDetector> _factory;
    private readonly Dictionary<T, IFailureDetector> _detectors = [];

    /// <summary>A registry creating detectors with <paramref name="detectorFactory"/>.</summary>
    public DefaultFailureDetectorRegistry(Func<IFailureDetector> detectorFactory) =>
        _factory = detectorFactory ?? throw new ArgumentNullException(nameof(detectorFactory));

    /// <summary>The resources with a detector.</summary>
    public IReadOnlyCollection<T> Monitored => _detectors.Keys;

    /// <summary>True when <paramref name="resource"/> is considered alive at <paramref name="nowMillis"/>.</summary>
    public bool IsAvailable(T resource, long nowMillis) =>
        !_detectors.TryGetValue(resource, out var detector) || detector.IsAvailable(nowMillis);

    /// <summary>True once a heartbeat from <paramref name="resource"/> has arrived.</summary>
    public bool IsMonitoring(T resource) => _detectors.TryGetValue(resource, out var detector) && detector.IsMonitoring;

    /// <summary>Records a heartbeat from <paramref name="resource"/>.</summary>
    public void Heartbeat(T resource, long nowMillis)
    {
        if (!_detectors.TryGetValue(resource, out var detector))
        {
            detector = _factory() ?? throw new InvalidOperationException("The failure detector factory returned null.");
            _detectors.Add(resource, detector);
        }
        detector.Heartbeat(nowMillis);
    }

    /// <summary>The detector of <paramref name="resource"/>, or null.</summary>
    public IFailureDetector? DetectorOf(T resource) => _detectors.GetValueOrDefault(resource);

    /// <summary>Stops monitoring <paramref name="resource"/> (e.g. once it left the ring of monitored nodes).</summary>
    public void Remove(T resource) => _detectors.Remove(resource);

    /// <summary>Stops monitoring everything.</summary>
    public void Reset() => _detectors.Clear();
}
