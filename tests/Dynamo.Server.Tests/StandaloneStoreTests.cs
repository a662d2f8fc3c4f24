using System.Net;
using Dynamo.Configuration;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dynamo.Server.Tests;

/// <summary>The single-node store the node process starts, configured from HOCON.</summary>
public sealed class StandaloneStoreTests
{
    [Fact(Timeout = 30_000)]
    public async Task The_store_started_from_configuration_serves_the_http_api()
    {
        var config = DynamoConfig.Load(null, ["dynamo.persistence.plugin = memory", "dynamo.kv.ring-partitions = 8", "dynamo.http.port = 0"]);
        await using var store = await StandaloneStore.StartAsync(config, NullLogger.Instance);
        WebApplication? app = null;
        var node = store.CreateNode(() => app?.Urls.FirstOrDefault(), DateTimeOffset.UtcNow);
        app = DynamoHttpServer.Create(node, HttpSettings.FromConfig(config), logging => logging.ClearProviders());
        await using var _ = app;
        await app.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(20) };

        await client.AssertServesAsync();
        using var ring = await client.GetAsync("/ring");
        Assert.Equal(8, (await Api.JsonOf(ring)).GetProperty("partitionCount").GetInt32());
        using var cluster = await client.GetAsync("/cluster");
        var member = (await Api.JsonOf(cluster)).GetProperty("members")[0];
        Assert.Equal(StandaloneStore.NodeId, member.GetProperty("nodeId").GetString());
        Assert.Equal(app.Urls.First(), member.GetProperty("httpEndpoint").GetString());
        await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
    }

    [Fact]
    public void Reference_bucket_defaults_are_lowered_to_one_replica_on_a_single_node()
    {
        var settings = StandaloneStore.SettingsFor(DynamoConfig.Load(null, []), NullLogger.Instance);

        Assert.Equal((1, 1, 1), (settings.BucketDefaults.N, settings.BucketDefaults.R, settings.BucketDefaults.W));
    }

    [Fact]
    public void Bucket_defaults_set_by_the_operator_are_kept()
    {
        var config = DynamoConfig.Load(null, ["dynamo.kv.bucket-defaults { n = 2, r = 1, w = 2 }"]);

        var settings = StandaloneStore.SettingsFor(config, NullLogger.Instance);

        Assert.Equal((2, 1, 2), (settings.BucketDefaults.N, settings.BucketDefaults.R, settings.BucketDefaults.W));
    }

    [Fact]
    public void Bucket_defaults_set_to_the_reference_values_are_lowered_too_as_HOCON_keeps_no_origin()
    {
        var config = DynamoConfig.Load(null, ["dynamo.kv.bucket-defaults { n = 3, r = 2, w = 2 }"]);

        var settings = StandaloneStore.SettingsFor(config, NullLogger.Instance);

        Assert.Equal((1, 1, 1), (settings.BucketDefaults.N, settings.BucketDefaults.R, settings.BucketDefaults.W));
    }
}
