namespace Dynamo.Client.Tests;

/// <summary>Waits the client-driven tests share.</summary>
internal static class ClientDriven
{
    /// <summary>Until <paramref name="client"/> coordinates by a ring whose partitions go to <paramref name="nodes"/> nodes.</summary>
    public static Task RingKnownAsync(DynamoActorClient client, int nodes, CancellationToken ct) =>
        UntilAsync(() => Task.FromResult(client.Ring?.CoordinatingNodes == nodes), $"the client has a ring of {nodes} reachable nodes", ct);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        while (!await condition())
        {
            if (ct.IsCancellationRequested) throw new TimeoutException($"Gave up waiting until {what}.");
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
