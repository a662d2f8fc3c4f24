using Dynamo.TestSupport;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>Polls a condition that a cluster reaches by itself (gossip, failure detection, delivery) within a bound.</summary>
internal static class Eventually
{
    /// <summary>How long a cluster of test nodes gets to converge.</summary>
    public static readonly TimeSpan Converge = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a cluster of test nodes gets to form: every node started at once recovers its vnodes while the
    /// others' heartbeats arrive, so on a loaded build machine (see <see cref="TimeFactor"/>) this takes longer
    /// than anything the nodes do once formed.
    /// </summary>
    public static readonly TimeSpan Form = TimeFactor.Dilated(Converge);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, or throws naming <paramref name="what"/> after
    /// <paramref name="within"/> (<see cref="Converge"/> when not given).
    /// </summary>
    public static Task UntilAsync(Func<bool> condition, string what, Func<string>? describe = null, TimeSpan? within = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, describe is null ? null : () => Task.FromResult(describe()), within);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, polling every 100 ms, or throws after <paramref name="within"/>
    /// (<see cref="Converge"/> when not given) naming <paramref name="what"/> and, when given, what
    /// <paramref name="describe"/> says of the state then.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, Func<Task<string>>? describe = null, TimeSpan? within = null)
    {
        var bound = within ?? Converge;
        var deadline = DateTime.UtcNow + bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not within {bound.TotalSeconds:0} s: {what}." + (describe is null ? "" : " " + await describe()));
            await Task.Delay(100);
        }
    }
}
