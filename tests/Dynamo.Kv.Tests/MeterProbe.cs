using System.Diagnostics.Metrics;
using Akka.Actor;
using Dynamo.Kv.Diagnostics;

namespace Dynamo.Kv.Tests;

/// <summary>
/// Listens to the <c>Dynamo</c> meter of one node's actor system (other tests' systems run in the same process and
/// are left out) and adds up what each instrument measured, by the tags asked for.
/// </summary>
internal sealed class MeterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measured = [];

    public MeterProbe(ActorSystem system)
    {
        var meter = KvMetrics.Of(system).Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>What <paramref name="instrument"/> measured with every tag of <paramref name="tags"/>, added up.</summary>
    public double Sum(string instrument, params (string Key, object Value)[] tags)
    {
        lock (_measured)
        {
            return _measured
                .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(k => k.Key == t.Key && Equals(k.Value, t.Value))))
                .Sum(m => m.Value);
        }
    }

    /// <summary>How many measurements <paramref name="instrument"/> made.</summary>
    public int Count(string instrument)
    {
        lock (_measured) return _measured.Count(m => m.Instrument == instrument);
    }

    /// <summary>The current values of the observable instruments, replacing what they reported before.</summary>
    public void Observe()
    {
        lock (_measured) _measured.RemoveAll(m => m.Instrument is KvMetrics.Requests or KvMetrics.HintsPending);
        _listener.RecordObservableInstruments();
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = tags.ToArray();
        lock (_measured) _measured.Add((instrument.Name, value, copied));
    }
}
