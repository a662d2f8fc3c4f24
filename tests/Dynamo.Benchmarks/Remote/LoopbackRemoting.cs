using Dynamo.Actors.Remote;
using Dynamo.Actors.Remote.Serialization;
using Dynamo.Actors.Remote.Transport.Tcp;

namespace Dynamo.Benchmarks.Remote;

/// <summary>Starts remoting instances on loopback with settings fit for benchmarking.</summary>
internal static class LoopbackRemoting
{
    private static readonly RemoteSettings Settings = new() { Hostname = "127.0.0.1", Cookie = "bench", SendBufferLimit = 1 << 20 };

    public static async Task<Remoting> StartAsync(string system, Action<InboundEnvelope> deliver)
    {
        var remoting = new Remoting(system, Settings, new TcpTransport(Settings), SerializerRegistry.CreateDefault(), deliver);
        await remoting.StartAsync();
        return remoting;
    }
}
