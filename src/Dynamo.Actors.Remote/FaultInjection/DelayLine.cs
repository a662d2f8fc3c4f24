using System.Threading.Channels;

namespace Dynamo.Actors.Remote.FaultInjection;

/// <summary>
/// Holds items back until their due time and releases them in arrival order on one pump, so a delayed link
/// adds latency without reordering. <see cref="IsEmpty"/> tells callers whether an undelayed item must still
/// queue behind delayed ones.
/// </summary>
internal sealed class DelayLine<T>
{
    private readonly Channel<(long Due, T Item)> _queue = Channel.CreateUnbounded<(long, T)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<T> _release;
    private readonly TimeProvider _time;
    private int _count;

    public DelayLine(Action<T> release, TimeProvider time, CancellationToken stop)
    {
        _release = release;
        _time = time;
        _ = Task.Run(() => PumpAsync(stop));
    }

    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    public void Enqueue(T item, TimeSpan delay)
    {
        Interlocked.Increment(ref _count);
        _queue.Writer.TryWrite((_time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency), item));
    }

    private async Task PumpAsync(CancellationToken stop)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var entry))
                {
                    var wait = _time.GetElapsedTime(_time.GetTimestamp(), entry.Due);
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, stop).ConfigureAwait(false);
                    _release(entry.Item);
                    Interlocked.Decrement(ref _count);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The association closed; what is still held back is lost, as on a real link that broke.
        }
    }
}
