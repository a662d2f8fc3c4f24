using System.Net;
using System.Net.Sockets;

namespace Dynamo.TestSupport;

/// <summary>
/// TCP ports on loopback (127.0.0.1) for tests that bind real sockets: free a moment ago, and never handed out
/// before in this process.
/// </summary>
/// <remarks>
/// A test often asks for all its ports before any node binds them, and the kernel may offer a port it just
/// offered again (one node's HTTP port once equalled another node's remoting port): so every port is handed out
/// once per test process. That set is the one process-wide state here, and it only ever grows.
/// </remarks>
public static class FreePorts
{
    private const int LowestConsecutive = 20_000;
    private const int HighestConsecutive = 60_000;

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port the kernel offers as free that this process has not handed out before.</summary>
    public static int One()
    {
        for (var attempt = 0; ; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (HandedOut)
            {
                if (HandedOut.Add(port) || attempt >= 100) return port;
            }
        }
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free ports, searched from a random start, none of them
    /// handed out before; all of them count as handed out from now on.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such run was found in 200 tries.</exception>
    public static int Consecutive(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = Random.Shared.Next(LowestConsecutive, HighestConsecutive);
            var range = Enumerable.Range(start, count).ToArray();
            if (!range.All(IsFree)) continue;
            lock (HandedOut)
            {
                if (range.Any(HandedOut.Contains)) continue;
                HandedOut.UnionWith(range);
            }
            return start;
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
