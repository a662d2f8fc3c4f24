using System.Net;
using System.Net.Sockets;
using Dynamo.TestSupport;

namespace Dynamo.Cli.Tests;

/// <summary><c>dev up</c> run in process where it cannot succeed: it says which node or port, and exits non-zero.</summary>
public sealed class DevUpFailureTests
{
    [Fact]
    public async Task A_node_that_fails_to_start_is_named_with_its_last_log_lines()
    {
        var data = Directory.CreateTempSubdirectory("dynamo-dev-fail-").FullName;
        try
        {
            var http = FreePorts.Consecutive(1);
            var remote = FreePorts.One();
            var run = await InProcessCli.RunAsync(["dev", "up", "--nodes", "1", "--http-base-port", $"{http}", "--port-base", $"{remote}",
                "--data-dir", data, "--startup-timeout", "30", "--set", "dynamo.kv.ring-partitions = many"]);

            Assert.Equal(ExitCodes.Failure, run.ExitCode);
            Assert.Contains($"node 0 (http://127.0.0.1:{http}) exited with code", run.Error);
            Assert.Contains("ring-partitions", run.Error);
            Assert.Contains($"data: {data}", run.Out);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_port_in_use_is_refused_before_any_node_starts()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var busy = ((IPEndPoint)listener.LocalEndpoint).Port;
            var data = Path.Combine(Path.GetTempPath(), "dynamo-dev-busy-" + Guid.NewGuid().ToString("N"));

            var run = await InProcessCli.RunAsync(["dev", "up", "--nodes", "1", "--http-base-port", $"{busy}", "--port-base", $"{FreePorts.One()}", "--data-dir", data]);

            Assert.Equal(ExitCodes.Usage, run.ExitCode);
            Assert.Contains($"port {busy} on 127.0.0.1 is already in use", run.Error);
            Assert.False(Directory.Exists(data));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Overlapping_HTTP_and_remoting_ports_are_a_usage_error()
    {
        var run = await InProcessCli.RunAsync(["dev", "up", "--nodes", "3", "--http-base-port", "30000", "--port-base", "30002"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("overlap", run.Error);
    }
}
