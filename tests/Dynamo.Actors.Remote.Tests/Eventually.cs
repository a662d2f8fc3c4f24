namespace Dynamo.Actors.Remote.Tests;

/// <summary>Bounded waiting for conditions that other threads make true.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Checks that <paramref name="condition"/> stays false for <paramref name="period"/>.</summary>
    public static async Task Never(Func<bool> condition, string what, TimeSpan period)
    {
        var end = DateTime.UtcNow + period;
        while (DateTime.UtcNow < end)
        {
            if (condition()) throw new InvalidOperationException($"Unexpectedly {what}.");
            await Task.Delay(10);
        }
    }
}
