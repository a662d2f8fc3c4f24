namespace Dynamo.Server.Tests;

/// <summary>One cluster member in this process that joined itself, with its HTTP API served, shared by a test class.</summary>
public sealed class OneClusterMember : IAsyncLifetime
{
    private ClusterMembers? _members;

    /// <summary>The member.</summary>
    public Kv.Hosting.KvNode Node => _members!.Nodes[0];

    /// <summary>A client of its HTTP API.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Polls <paramref name="condition"/> until it holds, or fails naming <paramref name="what"/> after <paramref name="within"/>.</summary>
    public Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan within) => _members!.UntilAsync(condition, what, within);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _members = await ClusterMembers.StartAsync(1);
        Client = await _members.ServeAsync(_members.Nodes[0]);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_members is not null) await _members.DisposeAsync();
    }
}
