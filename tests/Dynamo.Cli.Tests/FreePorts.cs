using System.Net;
using System.Net.Sockets;

namespace Dynamo.Cli.Tests;

/// <summary>Loopback ports nothing listens on at the moment of asking.</summary>
public static class FreePorts
{
    /// <summary>One free port, chosen by the kernel.</summary>
    public static int One()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The first of <paramref name="count"/> consecutive free ports, searched from a random start.</summary>
    public static int Consecutive(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = Random.Shared.Next(20_000, 60_000);
            if (Enumerable.Range(start, count).All(IsFree)) return start;
        }
        throw new InvalidOperationException($"no {count} consecutive free loopback ports found");
    }

    /// <summary>True when <paramref name="port"/> can be bound on 127.0.0.1 now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
