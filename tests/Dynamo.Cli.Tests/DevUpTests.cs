using System.Diagnostics;
using System.Text;
using Akka.Configuration;
using Dynamo.Client;
using Dynamo.TestSupport;

namespace Dynamo.Cli.Tests;

/// <summary>
/// <c>dynamo dev up --nodes 3</c> as a real process with three real node processes: the cluster forms, both
/// clients share its data, concurrent writes become siblings, and SIGINT takes every node down with it.
/// One test, because starting three node processes is the expensive part and each step builds on the last.
/// </summary>
public sealed class DevUpTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(70);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(40);

    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(DynamoSibling sibling) => Encoding.UTF8.GetString(sibling.Value.Span);

    [Fact]
    public async Task Dev_up_forms_a_cluster_both_clients_share_and_SIGINT_stops_every_node()
    {
        using var dev = DevUpProcess.Start(nodes: 3);
        var endpoints = await dev.WaitForLineAsync("endpoints: ", StartTimeout);
        var nodePids = dev.NodeProcessIds();
        Assert.Equal(3, nodePids.Count);
        Assert.Equal($"endpoints: {dev.HttpUrl(0).AbsoluteUri.TrimEnd('/')} {dev.HttpUrl(1).AbsoluteUri.TrimEnd('/')} {dev.HttpUrl(2).AbsoluteUri.TrimEnd('/')}", endpoints);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var clients = Enumerable.Range(0, 3).Select(i => new DynamoHttpClient(http, dev.HttpUrl(i))).ToArray();

        // Every node sees three members Up.
        for (var i = 0; i < 3; i++)
        {
            var view = await new DynamoAdminClient(http, dev.HttpUrl(i)).GetClusterAsync(Bounded());
            Assert.Equal(3, view.Members.Count(m => m.Status == "Up" && m.Reachable));
        }

        // A put on one node is read from every node.
        var written = await clients[0].PutAsync("dev", "k", Bytes("v1"), "text/plain", ct: Bounded());
        foreach (var client in clients)
        {
            var read = await client.GetAsync("dev", "k", ct: Bounded());
            Assert.Equal("v1", Text(Assert.Single(read.Siblings)));
        }

        // Two writes with the same context become siblings; a write with the merged context resolves them.
        await clients[0].PutAsync("dev", "k", Bytes("left"), "text/plain", written, ct: Bounded());
        await clients[1].PutAsync("dev", "k", Bytes("right"), "text/plain", written, ct: Bounded());
        var conflicted = await clients[2].GetAsync("dev", "k", ct: Bounded());
        Assert.Equal(["left", "right"], conflicted.Siblings.Select(Text).Order());
        await clients[2].PutAsync("dev", "k", Bytes("merged"), "text/plain", conflicted.Context, ct: Bounded());
        Assert.Equal("merged", Text(Assert.Single((await clients[0].GetAsync("dev", "k", ct: Bounded())).Siblings)));

        // The actor-protocol client and the HTTP client see what the other wrote.
        var system = DynamoActorClient.CreateSystem("cli-tests", ConfigurationFactory.ParseString("""
            akka.loglevel = OFF
            akka.stdout-loglevel = OFF
            """));
        try
        {
            var actor = new DynamoActorClient(system, dev.RemoteAddress(1), TimeSpan.FromSeconds(15));
            await actor.PutAsync("dev", "from-actor", Bytes("over the actor protocol"), "text/plain", ct: Bounded());
            Assert.Equal("over the actor protocol", Text(Assert.Single((await clients[2].GetAsync("dev", "from-actor", ct: Bounded())).Siblings)));
            await clients[0].PutAsync("dev", "from-http", Bytes("over HTTP"), "text/plain", ct: Bounded());
            Assert.Equal("over HTTP", Text(Assert.Single((await actor.GetAsync("dev", "from-http", ct: Bounded())).Siblings)));
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }

        // SIGINT stops every node gracefully and dev up exits 0.
        dev.Interrupt();
        var exitCode = await dev.WaitForExitAsync(StopTimeout);
        Assert.True(exitCode == 0, $"dev up exited with {exitCode}:{Environment.NewLine}{dev.Output()}");
        Assert.Contains("all nodes stopped", dev.Output());
        Assert.DoesNotContain("killed:", dev.Output());
        foreach (var pid in nodePids) Assert.False(IsRunning(pid), $"node process {pid} still runs after dev up exited");
        for (var i = 0; i < 3; i++)
        {
            Assert.True(FreePorts.IsFree(dev.HttpUrl(i).Port), $"HTTP port {dev.HttpUrl(i).Port} is still taken");
            Assert.True(FreePorts.IsFree(dev.PortBase + i), $"remoting port {dev.PortBase + i} is still taken");
        }
    }

    [Fact]
    public async Task Nodes_stop_by_themselves_when_dev_up_is_killed()
    {
        using var dev = DevUpProcess.Start(nodes: 1);
        await dev.WaitForLineAsync("endpoints: ", StartTimeout);
        var pid = Assert.Single(dev.NodeProcessIds());

        // SIGKILL: dev up gets no chance to stop anything; the node must notice its standard input closing.
        using (var parent = Process.GetProcessById(dev.ProcessId)) parent.Kill();

        var deadline = DateTime.UtcNow + StopTimeout;
        while (IsRunning(pid) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.False(IsRunning(pid), $"node process {pid} outlived dev up:{Environment.NewLine}{dev.Output(withNodeLogs: true)}");
        Assert.Contains("Standard input closed", File.ReadAllText(Path.Combine(dev.DataDirectory, "node-0", "node.log")));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
