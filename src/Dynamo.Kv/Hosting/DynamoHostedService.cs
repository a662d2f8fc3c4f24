using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dynamo.Kv.Hosting;

/// <summary>
/// Akka.Hosting's hosted service, except that stopping a member that runs the store does not leave the cluster.
/// Akka.Hosting runs the whole coordinated shutdown on stop, cluster leave included, which would take the node out
/// of the ring and move its partitions without handoff (reference.conf's <c>akka.coordinated-shutdown</c> explains
/// why a stop is not a leave). A store member's actor system is terminated instead: the others see it unreachable
/// until it returns or an operator downs it, as in the paper; leaving goes through <c>dynamo cluster leave</c>, which
/// drains the node first. Members without the store stop as Akka.Hosting stops them.
/// </summary>
public sealed class DynamoHostedService(
    AkkaConfigurationBuilder configurationBuilder,
    IServiceProvider serviceProvider,
    ILogger<AkkaHostedService> logger,
    IHostApplicationLifetime? applicationLifetime)
    : AkkaHostedService(configurationBuilder, serviceProvider, logger, applicationLifetime)
{
    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (ActorSystem is { } system && KvNode.RunsOn(system))
        {
            await system.Terminate().ConfigureAwait(false);
            return;
        }
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
