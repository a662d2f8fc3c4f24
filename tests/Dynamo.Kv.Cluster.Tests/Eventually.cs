namespace Dynamo.Kv.Cluster.Tests;

/// <summary>Polls a condition that a cluster reaches by itself (gossip, failure detection, delivery) within a bound.</summary>
internal static class Eventually
{
    /// <summary>How long a cluster of test nodes gets to converge.</summary>
    public static readonly TimeSpan Converge = TimeSpan.FromSeconds(30);

    /// <summary>Waits until <paramref name="condition"/> holds, or throws naming <paramref name="what"/> after <see cref="Converge"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, Func<string>? describe = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, describe is null ? null : () => Task.FromResult(describe()));

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, polling every 100 ms, or throws after <see cref="Converge"/>
    /// naming <paramref name="what"/> and, when given, what <paramref name="describe"/> says of the state then.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow + Converge;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not within {Converge.TotalSeconds:0} s: {what}." + (describe is null ? "" : " " + await describe()));
            await Task.Delay(100);
        }
    }
}
