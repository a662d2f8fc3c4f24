using System.Text;
using Dynamo.Client;

namespace Dynamo.Testing;

/// <summary>
/// Single puts and deletes a scenario issues itself (outside a <see cref="WriteLoad"/>), recorded in a
/// <see cref="History"/> with the same classification of failures as the load, so the <see cref="Checker"/> judges them too.
/// </summary>
public static class RecordedWrites
{
    private const string ContentType = "text/plain";

    /// <summary>Puts <paramref name="value"/> through node <paramref name="node"/> and records it; never throws for a failed request.</summary>
    public static async Task<HistoryWrite> PutAsync(History history, IDynamoClient client, int node, string key, string value,
        DynamoContext? context, int? w, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(client);
        var write = history.BeginPut(key, value, context, client: -1, node);
        await CompleteAsync(write, () => client.PutAsync(history.Bucket, key, Encoding.UTF8.GetBytes(value), ContentType, context, w, ct)).ConfigureAwait(false);
        return write;
    }

    /// <summary>Deletes what <paramref name="context"/> covers through node <paramref name="node"/> and records it; never throws for a failed request.</summary>
    public static async Task<HistoryWrite> DeleteAsync(History history, IDynamoClient client, int node, string key,
        DynamoContext context, int? w, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(client);
        var write = history.BeginDelete(key, context, client: -1, node);
        await CompleteAsync(write, () => client.DeleteAsync(history.Bucket, key, context, w, ct)).ConfigureAwait(false);
        return write;
    }

    /// <summary>Reads <paramref name="key"/> through node <paramref name="node"/> and records the read, so its context's coverage is known.</summary>
    public static async Task<DynamoGetResult> ReadAsync(History history, IDynamoClient client, int node, string key, int? r, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(client);
        var result = await client.GetAsync(history.Bucket, key, r, ct).ConfigureAwait(false);
        history.RecordRead(key, result, client: -1, node);
        return result;
    }

    private static async Task CompleteAsync(HistoryWrite write, Func<Task<DynamoContext>> send)
    {
        try
        {
            write.Acknowledge(await send().ConfigureAwait(false));
        }
        catch (Exception e)
        {
            var (notWritten, reason) = WriteLoad.Classify(e);
            if (notWritten) write.NotWritten(reason);
            else write.Unknown(reason);
        }
    }
}
