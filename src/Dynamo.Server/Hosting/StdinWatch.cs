using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dynamo.Server.Hosting;

/// <summary>
/// Stops the node gracefully, as SIGTERM would, when its standard input reaches its end. A parent process that
/// starts the node with a pipe on its standard input and never writes to it is then the node's lifeline: the
/// kernel closes the pipe when the parent exits for any reason, which no signal handler of the parent can promise.
/// </summary>
public static class StdinWatch
{
    /// <summary>Starts reading standard input in the background; at its end, stops <paramref name="lifetime"/>'s application.</summary>
    public static void Start(IHostApplicationLifetime lifetime, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(logger);
        _ = Task.Run(async () =>
        {
            var buffer = new byte[256];
            try
            {
                await using var input = Console.OpenStandardInput();
                // Whatever the parent writes is ignored; only the end of the stream means something.
                while (await input.ReadAsync(buffer, lifetime.ApplicationStopping) > 0)
                {
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException e)
            {
                logger.StdinFailed(e.Message);
            }
            logger.StdinClosed();
            lifetime.StopApplication();
        });
    }
}
