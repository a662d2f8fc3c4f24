using Microsoft.AspNetCore.Http;

namespace Dynamo.Server.Http;

/// <summary>Reads request bodies without ever buffering more than a limit.</summary>
public static class RequestBody
{
    /// <summary>
    /// Whether the declared Content-Length already exceeds <paramref name="maxSize"/>, so the
    /// request can be refused before a byte of its body is read.
    /// </summary>
    public static bool DeclaresMoreThan(HttpRequest request, long maxSize)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentLength is { } length && length > maxSize;
    }

    /// <summary>
    /// The whole body, or null as soon as it proves longer than <paramref name="maxSize"/> (a
    /// chunked body declares no length, so the cap is what bounds memory).
    /// </summary>
    public static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, long maxSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSize);
        if (DeclaresMoreThan(request, maxSize))
        {
            return null;
        }
        var initial = (int)Math.Min(request.ContentLength ?? 4096, maxSize + 1);
        using var buffer = new MemoryStream(initial);
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.ToArray();
            }
            if (buffer.Length + read > maxSize)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
    }
}
