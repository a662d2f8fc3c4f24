using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using Dynamo.Client;
using Dynamo.Kv.Hosting;

namespace Dynamo.Sample;

/// <summary>Page visit counts kept in Dynamo, one key per page in the bucket <see cref="Bucket"/>.</summary>
/// <remarks>
/// A read-modify-write with the read's context, as Dynamo asks: the put names the versions it saw, so concurrent
/// increments come back as siblings instead of overwriting each other. This sample merges siblings by taking the
/// largest count, which may lose a concurrent increment; an exact counter would keep one count per writer.
/// </remarks>
public sealed class VisitCounter(ActorSystem system, ActorRegistry registry)
{
    /// <summary>The bucket the counts live in.</summary>
    public const string Bucket = "visits";

    private readonly Lazy<Task<IDynamoClient>> _client = new(async () =>
        DynamoActorClient.ForMember(system, await registry.GetAsync<DynamoStore>().ConfigureAwait(false)));

    /// <summary>Counts one visit of <paramref name="page"/> and returns the visits so far.</summary>
    public async Task<long> CountAsync(string page, CancellationToken ct)
    {
        var client = await _client.Value.ConfigureAwait(false);
        var current = await client.GetAsync(Bucket, page, ct: ct).ConfigureAwait(false);
        long next = CountOf(current) + 1;
        await client.PutAsync(Bucket, page, Encoding.UTF8.GetBytes(next.ToString(CultureInfo.InvariantCulture)), "text/plain", current.Context, ct: ct)
            .ConfigureAwait(false);
        return next;
    }

    /// <summary>The visits of <paramref name="page"/> so far.</summary>
    public async Task<long> ReadAsync(string page, CancellationToken ct)
    {
        var client = await _client.Value.ConfigureAwait(false);
        return CountOf(await client.GetAsync(Bucket, page, ct: ct).ConfigureAwait(false));
    }

    private static long CountOf(DynamoGetResult result) =>
        result.Found ? result.Siblings.Max(s => long.Parse(Encoding.UTF8.GetString(s.Value.Span), CultureInfo.InvariantCulture)) : 0;
}
