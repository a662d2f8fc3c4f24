using System.Buffers.Binary;
using System.Net.Sockets;

namespace Dynamo.Actors.Remote.Tests;

/// <summary>A bare TCP client that speaks bytes, for sending what a well-behaved node never would.</summary>
public sealed class RawClient : IDisposable
{
    private readonly TcpClient _client = new();

    public Stream Stream { get; private set; } = Stream.Null;

    public static async Task<RawClient> ConnectAsync(Address address)
    {
        var raw = new RawClient();
        await raw._client.ConnectAsync(address.Host!, address.Port!.Value);
        raw.Stream = raw._client.GetStream();
        return raw;
    }

    public async Task SendFrameAsync(byte[] payload)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)payload.Length);
        await Stream.WriteAsync(header);
        await Stream.WriteAsync(payload);
        await Stream.FlushAsync();
    }

    public async Task<byte[]> ReadFrameAsync()
    {
        var header = new byte[4];
        await Stream.ReadExactlyAsync(header).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
        await Stream.ReadExactlyAsync(payload).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        return payload;
    }

    /// <summary>True once the peer has closed the connection (reads end or fail), waiting at most a few seconds.</summary>
    public async Task<bool> IsClosedByPeerAsync()
    {
        var buffer = new byte[4096];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                int read = await Stream.ReadAsync(buffer).AsTask().WaitAsync(deadline - DateTime.UtcNow);
                if (read == 0) return true;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        return false;
    }

    public void Dispose()
    {
        Stream.Dispose();
        _client.Dispose();
    }
}
